using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Timeline.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class EntriesWithoutOwnerAuthorIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_entries_owner_id_author_id",
                schema: "timeline",
                table: "entries");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_entries_owner_id_author_id",
                schema: "timeline",
                table: "entries",
                columns: new[] { "owner_id", "author_id" });
        }
    }
}
