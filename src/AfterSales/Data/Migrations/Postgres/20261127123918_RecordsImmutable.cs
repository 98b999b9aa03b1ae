using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Postgres
{
    /// <inheritdoc />
    [DbContext(typeof(PostgresAppDbContext))]
    [Migration("20261127123918_RecordsImmutable")]
    public partial class RecordsImmutable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // REC-3: a signed service record is frozen: the database itself refuses to change or remove its row or
            // its lines, or to add lines to it. Amendments are append-only.
            migrationBuilder.Sql("""
                CREATE FUNCTION service_records_signed_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD."SignedAt" IS NOT NULL THEN RAISE EXCEPTION 'A signed service record cannot be changed'; END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ServiceRecords_SignedFrozen" BEFORE UPDATE OR DELETE ON "ServiceRecords"
                FOR EACH ROW EXECUTE FUNCTION service_records_signed_frozen();
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION record_lines_signed_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM "ServiceRecords" r WHERE r."Id" = OLD."RecordId" AND r."SignedAt" IS NOT NULL))
                        OR (TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM "ServiceRecords" r WHERE r."Id" = NEW."RecordId" AND r."SignedAt" IS NOT NULL)) THEN
                        RAISE EXCEPTION 'A signed service record cannot be changed';
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RecordLines_SignedFrozen" BEFORE INSERT OR UPDATE OR DELETE ON "RecordLines"
                FOR EACH ROW EXECUTE FUNCTION record_lines_signed_frozen();
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION record_amendments_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'RecordAmendments is append-only'; END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RecordAmendments_AppendOnly" BEFORE UPDATE OR DELETE ON "RecordAmendments"
                FOR EACH ROW EXECUTE FUNCTION record_amendments_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ServiceRecords_NoTruncate" BEFORE TRUNCATE ON "ServiceRecords"
                FOR EACH STATEMENT EXECUTE FUNCTION record_amendments_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RecordLines_NoTruncate" BEFORE TRUNCATE ON "RecordLines"
                FOR EACH STATEMENT EXECUTE FUNCTION record_amendments_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RecordAmendments_NoTruncate" BEFORE TRUNCATE ON "RecordAmendments"
                FOR EACH STATEMENT EXECUTE FUNCTION record_amendments_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "RecordAmendments_NoTruncate" ON "RecordAmendments";""");
            migrationBuilder.Sql("""DROP TRIGGER "RecordLines_NoTruncate" ON "RecordLines";""");
            migrationBuilder.Sql("""DROP TRIGGER "ServiceRecords_NoTruncate" ON "ServiceRecords";""");
            migrationBuilder.Sql("""DROP TRIGGER "RecordAmendments_AppendOnly" ON "RecordAmendments";""");
            migrationBuilder.Sql("DROP FUNCTION record_amendments_append_only();");
            migrationBuilder.Sql("""DROP TRIGGER "RecordLines_SignedFrozen" ON "RecordLines";""");
            migrationBuilder.Sql("DROP FUNCTION record_lines_signed_frozen();");
            migrationBuilder.Sql("""DROP TRIGGER "ServiceRecords_SignedFrozen" ON "ServiceRecords";""");
            migrationBuilder.Sql("DROP FUNCTION service_records_signed_frozen();");
        }
    }
}
