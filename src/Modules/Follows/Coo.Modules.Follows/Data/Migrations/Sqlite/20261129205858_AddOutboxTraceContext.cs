using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Follows.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddOutboxTraceContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                table: "follows_outbox_messages",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trace_state",
                table: "follows_outbox_messages",
                type: "TEXT",
                maxLength: 512,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "trace_parent",
                table: "follows_outbox_messages");

            migrationBuilder.DropColumn(
                name: "trace_state",
                table: "follows_outbox_messages");
        }
    }
}
