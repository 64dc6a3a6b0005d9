using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyOrg.Dashboard.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BriefingArchive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Briefings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuarterKey = table.Column<int>(type: "INTEGER", nullable: false),
                    ScopeUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ScopeCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ScopeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    DataVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    GeneratedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    GeneratedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Briefings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Briefings_Units_ScopeUnitId",
                        column: x => x.ScopeUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BriefingFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BriefingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Format = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BriefingFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BriefingFiles_Briefings_BriefingId",
                        column: x => x.BriefingId,
                        principalTable: "Briefings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BriefingFiles_BriefingId_Format",
                table: "BriefingFiles",
                columns: new[] { "BriefingId", "Format" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Briefings_QuarterKey_ScopeUnitId_Culture_DataVersion",
                table: "Briefings",
                columns: new[] { "QuarterKey", "ScopeUnitId", "Culture", "DataVersion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Briefings_ScopeUnitId",
                table: "Briefings",
                column: "ScopeUnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BriefingFiles");

            migrationBuilder.DropTable(
                name: "Briefings");
        }
    }
}
