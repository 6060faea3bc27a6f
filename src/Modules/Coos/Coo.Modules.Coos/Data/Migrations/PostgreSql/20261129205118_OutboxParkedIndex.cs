using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Coos.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OutboxParkedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_parked_at",
                schema: "coos",
                table: "outbox_messages",
                column: "parked_at",
                filter: "parked_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_parked_at",
                schema: "coos",
                table: "outbox_messages");
        }
    }
}
