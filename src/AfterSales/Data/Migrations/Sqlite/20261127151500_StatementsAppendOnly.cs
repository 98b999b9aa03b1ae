using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    [DbContext(typeof(SqliteAppDbContext))]
    [Migration("20261127151500_StatementsAppendOnly")]
    public partial class StatementsAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ASM-15: a closed month never changes. Its statement lines and totals are only ever added (corrections are
            // lines of a later month), and an approved policy version is frozen (POL-1).
            foreach (var table in new[] { "StatementLines", "MonthStatements" })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_NoUpdate" BEFORE UPDATE ON "{table}"
                    BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_NoDelete" BEFORE DELETE ON "{table}"
                    BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;
                    """);
            }
            migrationBuilder.Sql("""
                CREATE TRIGGER "PolicyVersions_ApprovedNoUpdate" BEFORE UPDATE ON "PolicyVersions"
                WHEN OLD."State" = 'Approved'
                BEGIN SELECT RAISE(ABORT, 'An approved policy version cannot be changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "PolicyVersions_ApprovedNoDelete" BEFORE DELETE ON "PolicyVersions"
                WHEN OLD."State" = 'Approved'
                BEGIN SELECT RAISE(ABORT, 'An approved policy version cannot be deleted'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "PolicyVersions_ApprovedNoDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER "PolicyVersions_ApprovedNoUpdate";""");
            foreach (var table in new[] { "MonthStatements", "StatementLines" })
            {
                migrationBuilder.Sql($"""DROP TRIGGER "{table}_NoDelete";""");
                migrationBuilder.Sql($"""DROP TRIGGER "{table}_NoUpdate";""");
            }
        }
    }
}
