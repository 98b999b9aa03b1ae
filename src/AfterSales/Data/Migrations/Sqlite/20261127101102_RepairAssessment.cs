using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AfterSales.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RepairAssessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "ActualHours",
                table: "WorkOrders",
                type: "TEXT",
                precision: 7,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ActualPeople",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Cause",
                table: "WorkOrders",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CauseUnclear",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "EstimatedHours",
                table: "WorkOrders",
                type: "TEXT",
                precision: 7,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EstimatedPeople",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RepairClass",
                table: "WorkOrders",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RepairClassOverrideReason",
                table: "WorkOrders",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReworkOfId",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_Cause",
                table: "WorkOrders",
                column: "Cause");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_ReworkOfId",
                table: "WorkOrders",
                column: "ReworkOfId");

            migrationBuilder.AddForeignKey(
                name: "FK_WorkOrders_WorkOrders_ReworkOfId",
                table: "WorkOrders",
                column: "ReworkOfId",
                principalTable: "WorkOrders",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_WorkOrders_WorkOrders_ReworkOfId",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_Cause",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_ReworkOfId",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "ActualHours",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "ActualPeople",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "Cause",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "CauseUnclear",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "EstimatedHours",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "EstimatedPeople",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "RepairClass",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "RepairClassOverrideReason",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "ReworkOfId",
                table: "WorkOrders");
        }
    }
}
