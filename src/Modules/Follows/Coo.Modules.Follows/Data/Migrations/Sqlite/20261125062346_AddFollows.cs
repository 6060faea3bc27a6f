using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Follows.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddFollows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "follows_follow_counts",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    followers_count = table.Column<int>(type: "INTEGER", nullable: false),
                    following_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follows_follow_counts", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "follows_follows",
                columns: table => new
                {
                    follower_id = table.Column<long>(type: "INTEGER", nullable: false),
                    followee_id = table.Column<long>(type: "INTEGER", nullable: false),
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follows_follows", x => new { x.follower_id, x.followee_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_follows_follows_followee_id_id",
                table: "follows_follows",
                columns: new[] { "followee_id", "id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_follows_follows_follower_id_id",
                table: "follows_follows",
                columns: new[] { "follower_id", "id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_follows_follows_id",
                table: "follows_follows",
                column: "id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "follows_follow_counts");

            migrationBuilder.DropTable(
                name: "follows_follows");
        }
    }
}
