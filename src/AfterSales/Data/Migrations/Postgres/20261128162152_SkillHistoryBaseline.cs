using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SkillHistoryBaseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // HR-1: people recorded before the skill-level history was kept have no entry; each gets the level on file
            // now, said as such (not "joined at": they may have joined at another level).
            migrationBuilder.Sql(
                """
                INSERT INTO "SkillLevelChanges" ("StaffId", "FromLevel", "ToLevel", "Source", "At", "Version")
                SELECT s."Id", NULL, s."SkillLevel", 'OnFile', now(), 0
                FROM "Staff" AS s
                WHERE NOT EXISTS (SELECT 1 FROM "SkillLevelChanges" AS c WHERE c."StaffId" = s."Id");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DELETE FROM "SkillLevelChanges" WHERE "Source" = 'OnFile';""");
        }
    }
}
