using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Postgres
{
    /// <inheritdoc />
    [DbContext(typeof(PostgresAppDbContext))]
    [Migration("20261127151500_StatementsAppendOnly")]
    public partial class StatementsAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ASM-15: a closed month never changes. Its statement lines and totals are only ever added (corrections are
            // lines of a later month), and an approved policy version is frozen (POL-1).
            migrationBuilder.Sql("""
                CREATE FUNCTION assessment_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
                """);
            foreach (var table in new[] { "StatementLines", "MonthStatements" })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_AppendOnly" BEFORE UPDATE OR DELETE ON "{table}"
                    FOR EACH ROW EXECUTE FUNCTION assessment_append_only();
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_NoTruncate" BEFORE TRUNCATE ON "{table}"
                    FOR EACH STATEMENT EXECUTE FUNCTION assessment_append_only();
                    """);
            }
            migrationBuilder.Sql("""
                CREATE FUNCTION policy_versions_approved_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD."State" = 'Approved' THEN RAISE EXCEPTION 'An approved policy version cannot be changed'; END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "PolicyVersions_ApprovedFrozen" BEFORE UPDATE OR DELETE ON "PolicyVersions"
                FOR EACH ROW EXECUTE FUNCTION policy_versions_approved_frozen();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "PolicyVersions_ApprovedFrozen" ON "PolicyVersions";""");
            migrationBuilder.Sql("DROP FUNCTION policy_versions_approved_frozen();");
            foreach (var table in new[] { "MonthStatements", "StatementLines" })
            {
                migrationBuilder.Sql($"""DROP TRIGGER "{table}_NoTruncate" ON "{table}";""");
                migrationBuilder.Sql($"""DROP TRIGGER "{table}_AppendOnly" ON "{table}";""");
            }
            migrationBuilder.Sql("DROP FUNCTION assessment_append_only();");
        }
    }
}
