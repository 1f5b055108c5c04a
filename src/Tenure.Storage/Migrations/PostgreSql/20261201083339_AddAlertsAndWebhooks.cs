using System;

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tenure.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddAlertsAndWebhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    id = table.Column<long>(type: "bigint", nullable: false),
                    rule = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    account_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    csm = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    opened_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    reason = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    resolved_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    resolution = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    quiet = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    webhook_id = table.Column<long>(type: "bigint", nullable: false),
                    @event = table.Column<string>(name: "event", type: "text", nullable: false, collation: "C"),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    status = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_status_code = table.Column<int>(type: "integer", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    delivered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "webhooks",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    id = table.Column<long>(type: "bigint", nullable: false),
                    url = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    secret = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    events = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhooks", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_rule_account",
                table: "alerts",
                columns: new[] { "tenant_id", "rule", "account_id", "quiet" });

            migrationBuilder.CreateIndex(
                name: "ux_alerts_id",
                table: "alerts",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_alerts_open",
                table: "alerts",
                columns: new[] { "tenant_id", "rule", "account_id" },
                unique: true,
                filter: "status = 'open'");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_due",
                table: "webhook_deliveries",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_webhook",
                table: "webhook_deliveries",
                columns: new[] { "tenant_id", "webhook_id" });

            migrationBuilder.CreateIndex(
                name: "ux_webhooks_id",
                table: "webhooks",
                column: "id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "webhooks");
        }
    }
}
