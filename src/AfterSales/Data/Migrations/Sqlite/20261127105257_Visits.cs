using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Visits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CalledAheadAt",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "GoodsOnTheWayAt",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Purpose",
                table: "WorkOrderContacts",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "FitProblems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkOrderId = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkOrderItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Alternative = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ReportedById = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FitProblems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FitProblems_Staff_ReportedById",
                        column: x => x.ReportedById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FitProblems_WorkOrderItems_WorkOrderItemId",
                        column: x => x.WorkOrderItemId,
                        principalTable: "WorkOrderItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FitProblems_WorkOrders_WorkOrderId",
                        column: x => x.WorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TechnicianChangeRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkOrderId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromTechnicianId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToTechnicianId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ForCustomer = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequestedById = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DecidedById = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TechnicianChangeRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TechnicianChangeRequests_Staff_DecidedById",
                        column: x => x.DecidedById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TechnicianChangeRequests_Staff_FromTechnicianId",
                        column: x => x.FromTechnicianId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TechnicianChangeRequests_Staff_RequestedById",
                        column: x => x.RequestedById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TechnicianChangeRequests_Staff_ToTechnicianId",
                        column: x => x.ToTechnicianId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TechnicianChangeRequests_WorkOrders_WorkOrderId",
                        column: x => x.WorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Visits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkOrderId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    TechnicianId = table.Column<int>(type: "INTEGER", nullable: false),
                    DepartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckedInAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckInLatitude = table.Column<double>(type: "REAL", nullable: true),
                    CheckInLongitude = table.Column<double>(type: "REAL", nullable: true),
                    CheckInAccuracyMeters = table.Column<double>(type: "REAL", nullable: true),
                    CheckInMetersFromSite = table.Column<double>(type: "REAL", nullable: true),
                    CheckedOutAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckOutLatitude = table.Column<double>(type: "REAL", nullable: true),
                    CheckOutLongitude = table.Column<double>(type: "REAL", nullable: true),
                    CheckOutAccuracyMeters = table.Column<double>(type: "REAL", nullable: true),
                    Present = table.Column<int>(type: "INTEGER", maxLength: 40, nullable: false),
                    PresentOthers = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContactDetailsSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LeftUnfinishedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Visits_Staff_TechnicianId",
                        column: x => x.TechnicianId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Visits_WorkOrders_WorkOrderId",
                        column: x => x.WorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkOrderHelpers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkOrderId = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffId = table.Column<int>(type: "INTEGER", nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkOrderHelpers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkOrderHelpers_Staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkOrderHelpers_WorkOrders_WorkOrderId",
                        column: x => x.WorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommissioningTests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VisitId = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkOrderItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    LeakTestPassed = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConnectionTestPassed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    StaffId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommissioningTests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommissioningTests_Staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CommissioningTests_Visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "Visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CommissioningTests_WorkOrderItems_WorkOrderItemId",
                        column: x => x.WorkOrderItemId,
                        principalTable: "WorkOrderItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Measurements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VisitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 12, scale: 3, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    WorkOrderItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    StaffId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Measurements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Measurements_Staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Measurements_Visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "Visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Measurements_WorkOrderItems_WorkOrderItemId",
                        column: x => x.WorkOrderItemId,
                        principalTable: "WorkOrderItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VisitPhotos",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkOrderId = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Caption = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TakenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StaffId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitPhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitPhotos_Staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VisitPhotos_Visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "Visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VisitPhotos_WorkOrders_WorkOrderId",
                        column: x => x.WorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommissioningTests_StaffId",
                table: "CommissioningTests",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_CommissioningTests_VisitId",
                table: "CommissioningTests",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_CommissioningTests_WorkOrderItemId",
                table: "CommissioningTests",
                column: "WorkOrderItemId");

            migrationBuilder.CreateIndex(
                name: "IX_FitProblems_ReportedById",
                table: "FitProblems",
                column: "ReportedById");

            migrationBuilder.CreateIndex(
                name: "IX_FitProblems_WorkOrderId",
                table: "FitProblems",
                column: "WorkOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_FitProblems_WorkOrderItemId",
                table: "FitProblems",
                column: "WorkOrderItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Measurements_StaffId",
                table: "Measurements",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_Measurements_VisitId",
                table: "Measurements",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_Measurements_WorkOrderItemId",
                table: "Measurements",
                column: "WorkOrderItemId");

            migrationBuilder.CreateIndex(
                name: "IX_TechnicianChangeRequests_DecidedById",
                table: "TechnicianChangeRequests",
                column: "DecidedById");

            migrationBuilder.CreateIndex(
                name: "IX_TechnicianChangeRequests_FromTechnicianId",
                table: "TechnicianChangeRequests",
                column: "FromTechnicianId");

            migrationBuilder.CreateIndex(
                name: "IX_TechnicianChangeRequests_RequestedById",
                table: "TechnicianChangeRequests",
                column: "RequestedById");

            migrationBuilder.CreateIndex(
                name: "IX_TechnicianChangeRequests_State",
                table: "TechnicianChangeRequests",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_TechnicianChangeRequests_ToTechnicianId",
                table: "TechnicianChangeRequests",
                column: "ToTechnicianId");

            migrationBuilder.CreateIndex(
                name: "IX_TechnicianChangeRequests_WorkOrderId",
                table: "TechnicianChangeRequests",
                column: "WorkOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitPhotos_StaffId",
                table: "VisitPhotos",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitPhotos_VisitId",
                table: "VisitPhotos",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitPhotos_WorkOrderId",
                table: "VisitPhotos",
                column: "WorkOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_Visits_TechnicianId_DepartedAt",
                table: "Visits",
                columns: new[] { "TechnicianId", "DepartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_WorkOrderId_Number",
                table: "Visits",
                columns: new[] { "WorkOrderId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrderHelpers_StaffId",
                table: "WorkOrderHelpers",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrderHelpers_WorkOrderId_StaffId",
                table: "WorkOrderHelpers",
                columns: new[] { "WorkOrderId", "StaffId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommissioningTests");

            migrationBuilder.DropTable(
                name: "FitProblems");

            migrationBuilder.DropTable(
                name: "Measurements");

            migrationBuilder.DropTable(
                name: "TechnicianChangeRequests");

            migrationBuilder.DropTable(
                name: "VisitPhotos");

            migrationBuilder.DropTable(
                name: "WorkOrderHelpers");

            migrationBuilder.DropTable(
                name: "Visits");

            migrationBuilder.DropColumn(
                name: "CalledAheadAt",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "GoodsOnTheWayAt",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "Purpose",
                table: "WorkOrderContacts");
        }
    }
}
