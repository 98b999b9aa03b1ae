using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    [DbContext(typeof(SqliteAppDbContext))]
    [Migration("20261128081900_StatementLinesAppendOnlyAfterRowid")]
    public partial class StatementLinesAppendOnlyAfterRowid : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // StatementLinesRowid rebuilt the table (SQLite cannot change a column in place), which loses its triggers,
            // and EF runs a rebuild after the rest of its migration: the ledger is append-only again here (ASM-15).
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
            // The triggers belong to StatementsAppendOnly; going below StatementLinesRowid rebuilds the table anyway.
        }
    }
}
