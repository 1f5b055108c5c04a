using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tenure.Storage.Migrations.Sqlite
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
                    tenant_id = table.Column<string>(type: "TEXT", nullable: false),
                    response_id = table.Column<string>(type: "TEXT", nullable: false),
                    survey_id = table.Column<string>(type: "TEXT", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    ticket_id = table.Column<string>(type: "TEXT", nullable: true),
                    send_id = table.Column<string>(type: "TEXT", nullable: true),
                    channel = table.Column<string>(type: "TEXT", nullable: false),
                    score = table.Column<int>(type: "INTEGER", nullable: false),
                    comment = table.Column<string>(type: "TEXT", nullable: true),
                    answered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_answers", x => new { x.tenant_id, x.response_id });
                });

            migrationBuilder.CreateTable(
                name: "survey_definitions",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", nullable: false),
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    question = table.Column<string>(type: "TEXT", nullable: false),
                    follow_up = table.Column<string>(type: "TEXT", nullable: false),
                    translations = table.Column<string>(type: "TEXT", nullable: false),
                    scale = table.Column<string>(type: "TEXT", nullable: false),
                    throttle_days = table.Column<int>(type: "INTEGER", nullable: false),
                    allowed_origins = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    after_tickets = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_definitions", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "survey_keys",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_keys", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "survey_sends",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", nullable: false),
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    survey_id = table.Column<string>(type: "TEXT", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", nullable: true),
                    ticket_id = table.Column<string>(type: "TEXT", nullable: true),
                    channel = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    recipient = table.Column<string>(type: "TEXT", nullable: true),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    response_id = table.Column<string>(type: "TEXT", nullable: true),
                    answered_at = table.Column<long>(type: "INTEGER", nullable: true),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true)
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
