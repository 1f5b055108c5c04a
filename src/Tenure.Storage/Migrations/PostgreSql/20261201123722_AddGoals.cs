using System;

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tenure.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddGoals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "goals",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    metric = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    period = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    scope = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    scope_value = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    direction = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    target = table.Column<decimal>(type: "numeric", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_goals", x => new { x.tenant_id, x.metric, x.period, x.scope, x.scope_value });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "goals");
        }
    }
}
