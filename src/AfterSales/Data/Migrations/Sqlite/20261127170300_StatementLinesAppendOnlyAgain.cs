using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    [DbContext(typeof(SqliteAppDbContext))]
    [Migration("20261127170300_StatementLinesAppendOnlyAgain")]
    public partial class StatementLinesAppendOnlyAgain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite dropped the foreign keys (StatementLinesWithoutForeignKeys) by rebuilding the table, which loses its
            // triggers: the ledger is append-only again (ASM-15).
            migrationBuilder.Sql("""
                CREATE TRIGGER IF NOT EXISTS "StatementLines_NoUpdate" BEFORE UPDATE ON "StatementLines"
                BEGIN SELECT RAISE(ABORT, 'StatementLines is append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER IF NOT EXISTS "StatementLines_NoDelete" BEFORE DELETE ON "StatementLines"
                BEGIN SELECT RAISE(ABORT, 'StatementLines is append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The triggers belong to StatementsAppendOnly; going below StatementLinesWithoutForeignKeys rebuilds the table anyway.
        }
    }
}
