using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatementLinesByStaffAndIncident : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StatementLines_IncidentId",
                table: "StatementLines");

            migrationBuilder.CreateIndex(
                name: "IX_StatementLines_StaffId_IncidentId",
                table: "StatementLines",
                columns: new[] { "StaffId", "IncidentId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StatementLines_StaffId_IncidentId",
                table: "StatementLines");

            migrationBuilder.CreateIndex(
                name: "IX_StatementLines_IncidentId",
                table: "StatementLines",
                column: "IncidentId");
        }
    }
}
