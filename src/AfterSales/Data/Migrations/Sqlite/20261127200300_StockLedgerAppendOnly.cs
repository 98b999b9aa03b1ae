using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    [DbContext(typeof(SqliteAppDbContext))]
    [Migration("20261127200300_StockLedgerAppendOnly")]
    public partial class StockLedgerAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // INV-1…INV-3: stock on hand is the sum of the ledger, so its entries are only ever added (a correction is a new
            // movement, a stocktake's difference a count adjustment).
            migrationBuilder.Sql("""
                CREATE TRIGGER "StockMovements_NoUpdate" BEFORE UPDATE ON "StockMovements"
                BEGIN SELECT RAISE(ABORT, 'StockMovements is append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "StockMovements_NoDelete" BEFORE DELETE ON "StockMovements"
                BEGIN SELECT RAISE(ABORT, 'StockMovements is append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "StockMovements_NoDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER "StockMovements_NoUpdate";""");
        }
    }
}
