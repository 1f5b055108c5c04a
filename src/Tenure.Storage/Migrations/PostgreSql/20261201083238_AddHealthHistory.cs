using System;

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tenure.Storage.Migrations.PostgreSql
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
                    tenant_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    account_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    day = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    score = table.Column<decimal>(type: "numeric", nullable: true),
                    band = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    factors = table.Column<string>(type: "text", nullable: false, collation: "C")
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
