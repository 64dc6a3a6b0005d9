using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyOrg.Dashboard.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MeetingOriginSource : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OriginSourceId",
                table: "Meetings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_OriginSourceId",
                table: "Meetings",
                column: "OriginSourceId");

            migrationBuilder.AddForeignKey(
                name: "FK_Meetings_FactSources_OriginSourceId",
                table: "Meetings",
                column: "OriginSourceId",
                principalTable: "FactSources",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Meetings_FactSources_OriginSourceId",
                table: "Meetings");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_OriginSourceId",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "OriginSourceId",
                table: "Meetings");
        }
    }
}
