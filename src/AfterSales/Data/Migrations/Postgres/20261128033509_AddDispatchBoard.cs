using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AfterSales.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddDispatchBoard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DispatchLocked",
                table: "WorkOrders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "PlannedSequence",
                table: "WorkOrders",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PlannedStart",
                table: "WorkOrders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "HomeLatitude",
                table: "Staff",
                type: "numeric(9,6)",
                precision: 9,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "HomeLongitude",
                table: "Staff",
                type: "numeric(9,6)",
                precision: 9,
                scale: 6,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DispatchProposals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OvernightDay = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DispatchProposals_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DispatchProposalLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProposalId = table.Column<int>(type: "integer", nullable: false),
                    WorkOrderId = table.Column<int>(type: "integer", nullable: false),
                    TechnicianId = table.Column<int>(type: "integer", nullable: true),
                    Sequence = table.Column<int>(type: "integer", nullable: true),
                    PlannedStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchProposalLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DispatchProposalLines_DispatchProposals_ProposalId",
                        column: x => x.ProposalId,
                        principalTable: "DispatchProposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DispatchProposalLines_Staff_TechnicianId",
                        column: x => x.TechnicianId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DispatchProposalLines_WorkOrders_WorkOrderId",
                        column: x => x.WorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DispatchProposalLines_ProposalId_WorkOrderId",
                table: "DispatchProposalLines",
                columns: new[] { "ProposalId", "WorkOrderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DispatchProposalLines_TechnicianId",
                table: "DispatchProposalLines",
                column: "TechnicianId");

            migrationBuilder.CreateIndex(
                name: "IX_DispatchProposalLines_WorkOrderId",
                table: "DispatchProposalLines",
                column: "WorkOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_DispatchProposals_RegionId_Day",
                table: "DispatchProposals",
                columns: new[] { "RegionId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_DispatchProposals_RegionId_OvernightDay",
                table: "DispatchProposals",
                columns: new[] { "RegionId", "OvernightDay" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DispatchProposalLines");

            migrationBuilder.DropTable(
                name: "DispatchProposals");

            migrationBuilder.DropColumn(
                name: "DispatchLocked",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "PlannedSequence",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "PlannedStart",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "HomeLatitude",
                table: "Staff");

            migrationBuilder.DropColumn(
                name: "HomeLongitude",
                table: "Staff");
        }
    }
}
