using System;

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tenure.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddSurveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "survey_answers",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    response_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    survey_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    account_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    user_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ticket_id = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    send_id = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    channel = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    score = table.Column<int>(type: "integer", nullable: false),
                    comment = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    answered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_answers", x => new { x.tenant_id, x.response_id });
                });

            migrationBuilder.CreateTable(
                name: "survey_definitions",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    type = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    name = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    question = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    follow_up = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    translations = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    scale = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    throttle_days = table.Column<int>(type: "integer", nullable: false),
                    allowed_origins = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    status = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    after_tickets = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_definitions", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "survey_keys",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    key = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_keys", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "survey_sends",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    survey_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    account_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    user_id = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ticket_id = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    channel = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    status = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    recipient = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    response_id = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    answered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_sends", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_survey_answers_person",
                table: "survey_answers",
                columns: new[] { "tenant_id", "survey_id", "account_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ux_survey_definitions_id",
                table: "survey_definitions",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_survey_sends_person",
                table: "survey_sends",
                columns: new[] { "tenant_id", "survey_id", "account_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_survey_sends_ticket",
                table: "survey_sends",
                columns: new[] { "tenant_id", "survey_id", "ticket_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "survey_answers");

            migrationBuilder.DropTable(
                name: "survey_definitions");

            migrationBuilder.DropTable(
                name: "survey_keys");

            migrationBuilder.DropTable(
                name: "survey_sends");
        }
    }
}
