using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatementLinesKeyedByMonth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_StatementLines",
                table: "StatementLines");

            migrationBuilder.DropIndex(
                name: "IX_StatementLines_StaffId_Year_Month_IncidentId",
                table: "StatementLines");

            migrationBuilder.AddPrimaryKey(
                name: "PK_StatementLines",
                table: "StatementLines",
                columns: new[] { "StaffId", "Year", "Month", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_StatementLines",
                table: "StatementLines");

            migrationBuilder.AddPrimaryKey(
                name: "PK_StatementLines",
                table: "StatementLines",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_StatementLines_StaffId_Year_Month_IncidentId",
                table: "StatementLines",
                columns: new[] { "StaffId", "Year", "Month", "IncidentId" });
        }
    }
}
