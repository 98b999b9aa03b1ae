using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DailyReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DailyReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    GatewayId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SenderPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    EnteredById = table.Column<int>(type: "INTEGER", nullable: true),
                    TechnicianId = table.Column<int>(type: "INTEGER", nullable: true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProblemCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DailyReports_Staff_EnteredById",
                        column: x => x.EnteredById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DailyReports_Staff_TechnicianId",
                        column: x => x.TechnicianId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DailyReportEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DailyReportId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 1, nullable: true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Equipment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Work = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    WorkOrderId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyReportEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DailyReportEntries_DailyReports_DailyReportId",
                        column: x => x.DailyReportId,
                        principalTable: "DailyReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DailyReportEntries_WorkOrders_WorkOrderId",
                        column: x => x.WorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DailyReportJudgements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TechnicianId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DailyReportId = table.Column<int>(type: "INTEGER", nullable: true),
                    JudgedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyReportJudgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DailyReportJudgements_DailyReports_DailyReportId",
                        column: x => x.DailyReportId,
                        principalTable: "DailyReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DailyReportJudgements_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DailyReportJudgements_Staff_TechnicianId",
                        column: x => x.TechnicianId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DailyReportEntries_DailyReportId",
                table: "DailyReportEntries",
                column: "DailyReportId");

            migrationBuilder.CreateIndex(
                name: "IX_DailyReportEntries_WorkOrderId",
                table: "DailyReportEntries",
                column: "WorkOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_DailyReportJudgements_DailyReportId",
                table: "DailyReportJudgements",
                column: "DailyReportId");

            migrationBuilder.CreateIndex(
                name: "IX_DailyReportJudgements_Day",
                table: "DailyReportJudgements",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_DailyReportJudgements_IncidentId",
                table: "DailyReportJudgements",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_DailyReportJudgements_TechnicianId_Day",
                table: "DailyReportJudgements",
                columns: new[] { "TechnicianId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DailyReports_EnteredById",
                table: "DailyReports",
                column: "EnteredById");

            migrationBuilder.CreateIndex(
                name: "IX_DailyReports_GatewayId",
                table: "DailyReports",
                column: "GatewayId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DailyReports_ReceivedAt",
                table: "DailyReports",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_DailyReports_TechnicianId_Day",
                table: "DailyReports",
                columns: new[] { "TechnicianId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyReportEntries");

            migrationBuilder.DropTable(
                name: "DailyReportJudgements");

            migrationBuilder.DropTable(
                name: "DailyReports");
        }
    }
}
