using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tenure.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddHealthHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "health_history",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    day = table.Column<long>(type: "INTEGER", nullable: false),
                    score = table.Column<decimal>(type: "TEXT", nullable: true),
                    band = table.Column<string>(type: "TEXT", nullable: true),
                    factors = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_health_history", x => new { x.tenant_id, x.account_id, x.day });
                });

            migrationBuilder.CreateIndex(
                name: "ix_health_history_day",
                table: "health_history",
                columns: new[] { "tenant_id", "day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "health_history");
        }
    }
}
