using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Timeline.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EntriesWithoutOwnerAuthorIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_timeline_entries_owner_id_author_id",
                table: "timeline_entries");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_timeline_entries_owner_id_author_id",
                table: "timeline_entries",
                columns: new[] { "owner_id", "author_id" });
        }
    }
}
