using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Notifications.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MastodonNotificationsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_sources_recipient_id_source_id",
                schema: "notifications",
                table: "sources",
                columns: new[] { "recipient_id", "source_id" },
                descending: new[] { false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sources_recipient_id_source_id",
                schema: "notifications",
                table: "sources");
        }
    }
}
