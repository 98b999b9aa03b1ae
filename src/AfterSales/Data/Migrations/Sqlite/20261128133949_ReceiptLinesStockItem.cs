using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReceiptLinesStockItem : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "StockItemId",
                table: "ReceiptLines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptLines_StockItemId",
                table: "ReceiptLines",
                column: "StockItemId");

            migrationBuilder.AddForeignKey(
                name: "FK_ReceiptLines_StockItems_StockItemId",
                table: "ReceiptLines",
                column: "StockItemId",
                principalTable: "StockItems",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ReceiptLines_StockItems_StockItemId",
                table: "ReceiptLines");

            migrationBuilder.DropIndex(
                name: "IX_ReceiptLines_StockItemId",
                table: "ReceiptLines");

            migrationBuilder.DropColumn(
                name: "StockItemId",
                table: "ReceiptLines");
        }
    }
}
