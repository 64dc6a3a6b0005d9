using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyOrg.Dashboard.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Aggregates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Metrics",
                columns: table => new
                {
                    QuarterKey = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Numerator = table.Column<double>(type: "double precision", nullable: false),
                    Denominator = table.Column<double>(type: "double precision", nullable: false),
                    Suppressed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Metrics", x => new { x.QuarterKey, x.UnitId, x.Key });
                    table.ForeignKey(
                        name: "FK_Metrics_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuarterStates",
                columns: table => new
                {
                    QuarterKey = table.Column<int>(type: "integer", nullable: false),
                    DataVersion = table.Column<long>(type: "bigint", nullable: false),
                    DataChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ComputedVersion = table.Column<long>(type: "bigint", nullable: true),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ComputeSeconds = table.Column<double>(type: "double precision", nullable: true),
                    LeaseOwner = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LeaseUntil = table.Column<long>(type: "bigint", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LastErrorAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuarterStates", x => x.QuarterKey);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Metrics_UnitId",
                table: "Metrics",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Metrics");

            migrationBuilder.DropTable(
                name: "QuarterStates");
        }
    }
}
