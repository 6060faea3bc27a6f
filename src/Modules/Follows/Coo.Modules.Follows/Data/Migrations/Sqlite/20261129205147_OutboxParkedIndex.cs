using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Follows.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxParkedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_follows_outbox_messages_parked_at",
                table: "follows_outbox_messages",
                column: "parked_at",
                filter: "parked_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_follows_outbox_messages_parked_at",
                table: "follows_outbox_messages");
        }
    }
}
