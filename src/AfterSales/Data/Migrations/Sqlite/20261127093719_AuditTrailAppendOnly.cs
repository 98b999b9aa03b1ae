using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditTrailAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit trail is append-only (SEC-3): the database itself refuses to change or remove a row.
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEntries_NoDelete" BEFORE DELETE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "AuditEntries_NoUpdate";""");
            migrationBuilder.Sql("""DROP TRIGGER "AuditEntries_NoDelete";""");
        }
    }
}
