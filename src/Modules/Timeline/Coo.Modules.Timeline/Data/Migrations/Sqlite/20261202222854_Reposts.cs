using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Timeline.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reposts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "position",
                table: "timeline_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Every entry so far is a coo in its own right, at its own id.
            migrationBuilder.Sql("UPDATE \"timeline_entries\" SET position = coo_id;");

            migrationBuilder.AddColumn<long>(
                name: "reposted_by_id",
                table: "timeline_entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "timeline_reposts",
                columns: table => new
                {
                    repost_id = table.Column<long>(type: "INTEGER", nullable: false),
                    coo_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reposter_id = table.Column<long>(type: "INTEGER", nullable: false),
                    coo_author_id = table.Column<long>(type: "INTEGER", nullable: false),
                    in_reply_to_author_id = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timeline_reposts", x => x.repost_id);
                });

            migrationBuilder.CreateTable(
                name: "timeline_undone_reposts",
                columns: table => new
                {
                    repost_id = table.Column<long>(type: "INTEGER", nullable: false),
                    undone_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timeline_undone_reposts", x => x.repost_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_timeline_entries_owner_id_position",
                table: "timeline_entries",
                columns: new[] { "owner_id", "position" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_timeline_reposts_coo_id",
                table: "timeline_reposts",
                column: "coo_id");

            migrationBuilder.CreateIndex(
                name: "ix_timeline_reposts_reposter_id_repost_id",
                table: "timeline_reposts",
                columns: new[] { "reposter_id", "repost_id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_timeline_undone_reposts_undone_at",
                table: "timeline_undone_reposts",
                column: "undone_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "timeline_reposts");

            migrationBuilder.DropTable(
                name: "timeline_undone_reposts");

            migrationBuilder.DropIndex(
                name: "ix_timeline_entries_owner_id_position",
                table: "timeline_entries");

            migrationBuilder.DropColumn(
                name: "position",
                table: "timeline_entries");

            migrationBuilder.DropColumn(
                name: "reposted_by_id",
                table: "timeline_entries");
        }
    }
}
