using System;

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tenure.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddTasksAndNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "work_notes",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    id = table.Column<long>(type: "bigint", nullable: false),
                    account_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    author = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    source = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_notes", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "work_task_comments",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    id = table.Column<long>(type: "bigint", nullable: false),
                    task_id = table.Column<long>(type: "bigint", nullable: false),
                    author = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_task_comments", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "work_tasks",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    id = table.Column<long>(type: "bigint", nullable: false),
                    account_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    title = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    owner = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    category = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    completed_by = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    alert_id = table.Column<long>(type: "bigint", nullable: true),
                    playbook_step = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_tasks", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_work_notes_account",
                table: "work_notes",
                columns: new[] { "tenant_id", "account_id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_task_comments_task",
                table: "work_task_comments",
                columns: new[] { "tenant_id", "task_id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_tasks_account",
                table: "work_tasks",
                columns: new[] { "tenant_id", "account_id" });

            migrationBuilder.CreateIndex(
                name: "ix_work_tasks_owner",
                table: "work_tasks",
                columns: new[] { "tenant_id", "owner", "completed_at" });

            migrationBuilder.CreateIndex(
                name: "ux_work_tasks_id",
                table: "work_tasks",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_work_tasks_playbook",
                table: "work_tasks",
                columns: new[] { "tenant_id", "alert_id", "playbook_step" },
                unique: true,
                filter: "alert_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "work_notes");

            migrationBuilder.DropTable(
                name: "work_task_comments");

            migrationBuilder.DropTable(
                name: "work_tasks");
        }
    }
}
