using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AfterSales.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddTrips : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Trips",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TravellerId = table.Column<int>(type: "integer", nullable: false),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    Destination = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    HomeStation = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    PlannedDepartAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PlannedReturnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DepartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReturnContact = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ReturnContactAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PerDiemTotal = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    PerDiemPolicyVersion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ManagerApprovedById = table.Column<int>(type: "integer", nullable: true),
                    ManagerApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinanceApprovedById = table.Column<int>(type: "integer", nullable: true),
                    FinanceApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RejectedById = table.Column<int>(type: "integer", nullable: true),
                    RejectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RejectReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Trips", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Trips_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Trips_Staff_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Trips_Staff_FinanceApprovedById",
                        column: x => x.FinanceApprovedById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Trips_Staff_ManagerApprovedById",
                        column: x => x.ManagerApprovedById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Trips_Staff_RejectedById",
                        column: x => x.RejectedById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Trips_Staff_TravellerId",
                        column: x => x.TravellerId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TripDays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TripId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TripDays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TripDays_Trips_TripId",
                        column: x => x.TripId,
                        principalTable: "Trips",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TripExpenses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TripId = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    SpentOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Receipt = table.Column<byte[]>(type: "bytea", nullable: false),
                    ReceiptType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FalseAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    FalseNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FoundFalseById = table.Column<int>(type: "integer", nullable: true),
                    FoundFalseAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IncidentId = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TripExpenses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TripExpenses_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TripExpenses_Staff_FoundFalseById",
                        column: x => x.FoundFalseById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TripExpenses_Trips_TripId",
                        column: x => x.TripId,
                        principalTable: "Trips",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TripTickets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TripId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    TravelOn = table.Column<DateOnly>(type: "date", nullable: false),
                    BoardingPlace = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ArrivalPlace = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Photo = table.Column<byte[]>(type: "bytea", nullable: true),
                    PhotoType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TripTickets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TripTickets_Trips_TripId",
                        column: x => x.TripId,
                        principalTable: "Trips",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TripWorkOrders",
                columns: table => new
                {
                    TripId = table.Column<int>(type: "integer", nullable: false),
                    WorkOrderId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TripWorkOrders", x => new { x.TripId, x.WorkOrderId });
                    table.ForeignKey(
                        name: "FK_TripWorkOrders_Trips_TripId",
                        column: x => x.TripId,
                        principalTable: "Trips",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TripWorkOrders_WorkOrders_WorkOrderId",
                        column: x => x.WorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TripDays_TripId_Date",
                table: "TripDays",
                columns: new[] { "TripId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TripExpenses_FoundFalseById",
                table: "TripExpenses",
                column: "FoundFalseById");

            migrationBuilder.CreateIndex(
                name: "IX_TripExpenses_IncidentId",
                table: "TripExpenses",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_TripExpenses_TripId",
                table: "TripExpenses",
                column: "TripId");

            migrationBuilder.CreateIndex(
                name: "IX_Trips_CreatedById",
                table: "Trips",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_Trips_FinanceApprovedById",
                table: "Trips",
                column: "FinanceApprovedById");

            migrationBuilder.CreateIndex(
                name: "IX_Trips_ManagerApprovedById",
                table: "Trips",
                column: "ManagerApprovedById");

            migrationBuilder.CreateIndex(
                name: "IX_Trips_RegionId_State",
                table: "Trips",
                columns: new[] { "RegionId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Trips_RejectedById",
                table: "Trips",
                column: "RejectedById");

            migrationBuilder.CreateIndex(
                name: "IX_Trips_ReturnedAt",
                table: "Trips",
                column: "ReturnedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Trips_TravellerId_PlannedDepartAt",
                table: "Trips",
                columns: new[] { "TravellerId", "PlannedDepartAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TripTickets_TripId",
                table: "TripTickets",
                column: "TripId");

            migrationBuilder.CreateIndex(
                name: "IX_TripWorkOrders_WorkOrderId",
                table: "TripWorkOrders",
                column: "WorkOrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TripDays");

            migrationBuilder.DropTable(
                name: "TripExpenses");

            migrationBuilder.DropTable(
                name: "TripTickets");

            migrationBuilder.DropTable(
                name: "TripWorkOrders");

            migrationBuilder.DropTable(
                name: "Trips");
        }
    }
}
