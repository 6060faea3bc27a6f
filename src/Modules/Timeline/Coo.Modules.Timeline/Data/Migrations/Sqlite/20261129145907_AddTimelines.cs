using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Timeline.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddTimelines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "timeline_deleted_coos",
                columns: table => new
                {
                    coo_id = table.Column<long>(type: "INTEGER", nullable: false),
                    deleted_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timeline_deleted_coos", x => x.coo_id);
                });

            migrationBuilder.CreateTable(
                name: "timeline_entries",
                columns: table => new
                {
                    owner_id = table.Column<long>(type: "INTEGER", nullable: false),
                    coo_id = table.Column<long>(type: "INTEGER", nullable: false),
                    author_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timeline_entries", x => new { x.owner_id, x.coo_id });
                });

            migrationBuilder.CreateTable(
                name: "timeline_follow_edges",
                columns: table => new
                {
                    follower_id = table.Column<long>(type: "INTEGER", nullable: false),
                    followee_id = table.Column<long>(type: "INTEGER", nullable: false),
                    follow_id = table.Column<long>(type: "INTEGER", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timeline_follow_edges", x => new { x.follower_id, x.followee_id });
                });

            migrationBuilder.CreateTable(
                name: "timeline_horizons",
                columns: table => new
                {
                    owner_id = table.Column<long>(type: "INTEGER", nullable: false),
                    complete_from_coo_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timeline_horizons", x => x.owner_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_timeline_deleted_coos_deleted_at",
                table: "timeline_deleted_coos",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ix_timeline_entries_coo_id",
                table: "timeline_entries",
                column: "coo_id");

            migrationBuilder.CreateIndex(
                name: "ix_timeline_entries_owner_id_author_id",
                table: "timeline_entries",
                columns: new[] { "owner_id", "author_id" });

            migrationBuilder.CreateIndex(
                name: "ix_timeline_follow_edges_followee_id_follower_id",
                table: "timeline_follow_edges",
                columns: new[] { "followee_id", "follower_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "timeline_deleted_coos");

            migrationBuilder.DropTable(
                name: "timeline_entries");

            migrationBuilder.DropTable(
                name: "timeline_follow_edges");

            migrationBuilder.DropTable(
                name: "timeline_horizons");
        }
    }
}
