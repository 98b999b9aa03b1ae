using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatementLinesOneIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StatementLines_StaffId_IncidentId",
                table: "StatementLines");

            migrationBuilder.DropIndex(
                name: "IX_StatementLines_Year_Month_StaffId",
                table: "StatementLines");

            migrationBuilder.CreateIndex(
                name: "IX_StatementLines_StaffId_Year_Month_IncidentId",
                table: "StatementLines",
                columns: new[] { "StaffId", "Year", "Month", "IncidentId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StatementLines_StaffId_Year_Month_IncidentId",
                table: "StatementLines");

            migrationBuilder.CreateIndex(
                name: "IX_StatementLines_StaffId_IncidentId",
                table: "StatementLines",
                columns: new[] { "StaffId", "IncidentId" });

            migrationBuilder.CreateIndex(
                name: "IX_StatementLines_Year_Month_StaffId",
                table: "StatementLines",
                columns: new[] { "Year", "Month", "StaffId" });
        }
    }
}
