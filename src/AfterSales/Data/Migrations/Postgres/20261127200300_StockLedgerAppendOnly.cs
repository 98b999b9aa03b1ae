using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Postgres
{
    /// <inheritdoc />
    [DbContext(typeof(PostgresAppDbContext))]
    [Migration("20261127200300_StockLedgerAppendOnly")]
    public partial class StockLedgerAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // INV-1…INV-3: stock on hand is the sum of the ledger, so its entries are only ever added (a correction is a new
            // movement, a stocktake's difference a count adjustment). Same guard as the statement lines (ASM-15).
            migrationBuilder.Sql("""
                CREATE TRIGGER "StockMovements_AppendOnly" BEFORE UPDATE OR DELETE ON "StockMovements"
                FOR EACH ROW EXECUTE FUNCTION assessment_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "StockMovements_NoTruncate" BEFORE TRUNCATE ON "StockMovements"
                FOR EACH STATEMENT EXECUTE FUNCTION assessment_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "StockMovements_NoTruncate" ON "StockMovements";""");
            migrationBuilder.Sql("""DROP TRIGGER "StockMovements_AppendOnly" ON "StockMovements";""");
        }
    }
}
