using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LoadIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_RegionId_ReceivedAt_Id",
                table: "WorkOrders",
                columns: new[] { "RegionId", "ReceivedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecords_CreatedAt_Id",
                table: "ServiceRecords",
                columns: new[] { "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_RegionId_ReceivedAt_Id",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_ServiceRecords_CreatedAt_Id",
                table: "ServiceRecords");
        }
    }
}
