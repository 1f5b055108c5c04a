using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tenure.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class HealthHistoryDayScoresIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_health_history_day",
                table: "health_history");

            migrationBuilder.CreateIndex(
                name: "ix_health_history_day_scores",
                table: "health_history",
                columns: new[] { "tenant_id", "day", "account_id", "score" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_health_history_day_scores",
                table: "health_history");

            migrationBuilder.CreateIndex(
                name: "ix_health_history_day",
                table: "health_history",
                columns: new[] { "tenant_id", "day" });
        }
    }
}
