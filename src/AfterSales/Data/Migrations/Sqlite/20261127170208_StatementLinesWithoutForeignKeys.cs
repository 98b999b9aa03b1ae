using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatementLinesWithoutForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_StatementLines_Incidents_IncidentId",
                table: "StatementLines");

            migrationBuilder.DropForeignKey(
                name: "FK_StatementLines_Staff_StaffId",
                table: "StatementLines");

            migrationBuilder.DropIndex(
                name: "IX_StatementLines_StaffId",
                table: "StatementLines");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_StatementLines_StaffId",
                table: "StatementLines",
                column: "StaffId");

            migrationBuilder.AddForeignKey(
                name: "FK_StatementLines_Incidents_IncidentId",
                table: "StatementLines",
                column: "IncidentId",
                principalTable: "Incidents",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_StatementLines_Staff_StaffId",
                table: "StatementLines",
                column: "StaffId",
                principalTable: "Staff",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
