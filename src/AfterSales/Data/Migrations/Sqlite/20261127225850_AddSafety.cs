using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "PermitTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EquipmentKinds = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PermitTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SafetyAgreements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecordedById = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    TechnicianId = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkOrderId = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReportFileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReportContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReportContent = table.Column<byte[]>(type: "BLOB", nullable: true),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordedById = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkOrderId = table.Column<int>(type: "INTEGER", nullable: false),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionId = table.Column<int>(type: "INTEGER", nullable: false),
                    TemplateId = table.Column<int>(type: "INTEGER", nullable: false),
                    TemplateName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ProtectiveEquipmentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ProtectiveEquipmentById = table.Column<int>(type: "INTEGER", nullable: true),
                    WorkStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WorkStartedById = table.Column<int>(type: "INTEGER", nullable: true),
                    ClosedOutAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedOutById = table.Column<int>(type: "INTEGER", nullable: true),
                    WasteOil = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    WasteOilNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TemplateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PermitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DoneAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DoneById = table.Column<int>(type: "INTEGER", nullable: true),
                    PhotoId = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
