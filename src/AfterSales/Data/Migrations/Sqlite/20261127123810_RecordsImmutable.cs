using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    [DbContext(typeof(SqliteAppDbContext))]
    [Migration("20261127123810_RecordsImmutable")]
    public partial class RecordsImmutable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // REC-3: a signed service record is frozen: the database itself refuses to change or remove its row or
            // its lines, or to add lines to it. Amendments are append-only.
            migrationBuilder.Sql("""
                CREATE TRIGGER "ServiceRecords_SignedNoUpdate" BEFORE UPDATE ON "ServiceRecords"
                WHEN OLD."SignedAt" IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'A signed service record cannot be changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ServiceRecords_SignedNoDelete" BEFORE DELETE ON "ServiceRecords"
                WHEN OLD."SignedAt" IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'A signed service record cannot be deleted'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RecordLines_SignedNoInsert" BEFORE INSERT ON "RecordLines"
                WHEN EXISTS (SELECT 1 FROM "ServiceRecords" r WHERE r."Id" = NEW."RecordId" AND r."SignedAt" IS NOT NULL)
                BEGIN SELECT RAISE(ABORT, 'A signed service record cannot be changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RecordLines_SignedNoUpdate" BEFORE UPDATE ON "RecordLines"
                WHEN EXISTS (SELECT 1 FROM "ServiceRecords" r WHERE r."Id" IN (OLD."RecordId", NEW."RecordId") AND r."SignedAt" IS NOT NULL)
                BEGIN SELECT RAISE(ABORT, 'A signed service record cannot be changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RecordLines_SignedNoDelete" BEFORE DELETE ON "RecordLines"
                WHEN EXISTS (SELECT 1 FROM "ServiceRecords" r WHERE r."Id" = OLD."RecordId" AND r."SignedAt" IS NOT NULL)
                BEGIN SELECT RAISE(ABORT, 'A signed service record cannot be changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RecordAmendments_NoUpdate" BEFORE UPDATE ON "RecordAmendments"
                BEGIN SELECT RAISE(ABORT, 'RecordAmendments is append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "RecordAmendments_NoDelete" BEFORE DELETE ON "RecordAmendments"
                BEGIN SELECT RAISE(ABORT, 'RecordAmendments is append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "RecordAmendments_NoDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER "RecordAmendments_NoUpdate";""");
            migrationBuilder.Sql("""DROP TRIGGER "RecordLines_SignedNoDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER "RecordLines_SignedNoUpdate";""");
            migrationBuilder.Sql("""DROP TRIGGER "RecordLines_SignedNoInsert";""");
            migrationBuilder.Sql("""DROP TRIGGER "ServiceRecords_SignedNoDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER "ServiceRecords_SignedNoUpdate";""");
        }
    }
}
