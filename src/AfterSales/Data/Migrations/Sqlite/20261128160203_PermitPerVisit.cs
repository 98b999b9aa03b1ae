using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PermitPerVisit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Permits_WorkOrderId",
                table: "Permits");

            migrationBuilder.AddColumn<string>(
                name: "InterruptedReason",
                table: "Permits",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Permits_WorkOrderId",
                table: "Permits",
                column: "WorkOrderId",
                unique: true,
                filter: "\"FinishedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Permits_WorkOrderId",
                table: "Permits");

            migrationBuilder.DropColumn(
                name: "InterruptedReason",
                table: "Permits");

            migrationBuilder.CreateIndex(
                name: "IX_Permits_WorkOrderId",
                table: "Permits",
                column: "WorkOrderId",
                unique: true);
        }
    }
}
