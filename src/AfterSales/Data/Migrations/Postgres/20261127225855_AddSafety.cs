using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AfterSales.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddSafety : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsMaintenanceBase",
                table: "Sites",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "PermitTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EquipmentKinds = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PermitTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SafetyAgreements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordedById = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SafetyAgreements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SafetyAgreements_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SafetyAgreements_Staff_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SafetyViolations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    TechnicianId = table.Column<int>(type: "integer", nullable: false),
                    WorkOrderId = table.Column<int>(type: "integer", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ReportedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReportFileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReportContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReportContent = table.Column<byte[]>(type: "bytea", nullable: true),
                    IncidentId = table.Column<int>(type: "integer", nullable: true),
                    RecordedById = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SafetyViolations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SafetyViolations_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SafetyViolations_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SafetyViolations_Staff_TechnicianId",
                        column: x => x.TechnicianId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SafetyViolations_WorkOrders_WorkOrderId",
                        column: x => x.WorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Permits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkOrderId = table.Column<int>(type: "integer", nullable: false),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    TemplateId = table.Column<int>(type: "integer", nullable: false),
                    TemplateName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProtectiveEquipmentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ProtectiveEquipmentById = table.Column<int>(type: "integer", nullable: true),
                    WorkStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WorkStartedById = table.Column<int>(type: "integer", nullable: true),
                    ClosedOutAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedOutById = table.Column<int>(type: "integer", nullable: true),
                    WasteOil = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    WasteOilNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Permits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Permits_PermitTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "PermitTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Permits_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Permits_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Permits_WorkOrders_WorkOrderId",
                        column: x => x.WorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PermitTemplateSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TemplateId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Phase = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PermitTemplateSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PermitTemplateSteps_PermitTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "PermitTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PermitSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PermitId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Phase = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DoneById = table.Column<int>(type: "integer", nullable: true),
                    PhotoId = table.Column<int>(type: "integer", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PermitSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PermitSteps_Permits_PermitId",
                        column: x => x.PermitId,
                        principalTable: "Permits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PermitSteps_Staff_DoneById",
                        column: x => x.DoneById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PermitSteps_VisitPhotos_PhotoId",
                        column: x => x.PhotoId,
                        principalTable: "VisitPhotos",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Permits_RegionId_FinishedAt",
                table: "Permits",
                columns: new[] { "RegionId", "FinishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Permits_SiteId",
                table: "Permits",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_Permits_TemplateId",
                table: "Permits",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_Permits_WorkOrderId",
                table: "Permits",
                column: "WorkOrderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PermitSteps_DoneById",
                table: "PermitSteps",
                column: "DoneById");

            migrationBuilder.CreateIndex(
                name: "IX_PermitSteps_PermitId",
                table: "PermitSteps",
                column: "PermitId");

            migrationBuilder.CreateIndex(
                name: "IX_PermitSteps_PhotoId",
                table: "PermitSteps",
                column: "PhotoId");

            migrationBuilder.CreateIndex(
                name: "IX_PermitTemplateSteps_TemplateId",
                table: "PermitTemplateSteps",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_SafetyAgreements_RecordedById",
                table: "SafetyAgreements",
                column: "RecordedById");

            migrationBuilder.CreateIndex(
                name: "IX_SafetyAgreements_SiteId_ValidUntil",
                table: "SafetyAgreements",
                columns: new[] { "SiteId", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_SafetyViolations_IncidentId",
                table: "SafetyViolations",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_SafetyViolations_SiteId",
                table: "SafetyViolations",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_SafetyViolations_TechnicianId_At",
                table: "SafetyViolations",
                columns: new[] { "TechnicianId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SafetyViolations_WorkOrderId",
                table: "SafetyViolations",
                column: "WorkOrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PermitSteps");

            migrationBuilder.DropTable(
                name: "PermitTemplateSteps");

            migrationBuilder.DropTable(
                name: "SafetyAgreements");

            migrationBuilder.DropTable(
                name: "SafetyViolations");

            migrationBuilder.DropTable(
                name: "Permits");

            migrationBuilder.DropTable(
                name: "PermitTemplates");

            migrationBuilder.DropColumn(
                name: "IsMaintenanceBase",
                table: "Sites");
        }
    }
}
