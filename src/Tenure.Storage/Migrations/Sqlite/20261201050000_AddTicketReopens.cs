using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tenure.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddTicketReopens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "reopens",
                table: "tickets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "reopens",
                table: "tickets");
        }
    }
}
