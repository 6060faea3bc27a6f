using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Follows.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AddFollows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "follow_counts",
                schema: "follows",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    followers_count = table.Column<int>(type: "integer", nullable: false),
                    following_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_counts", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "follows",
                schema: "follows",
                columns: table => new
                {
                    follower_id = table.Column<long>(type: "bigint", nullable: false),
                    followee_id = table.Column<long>(type: "bigint", nullable: false),
                    id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follows", x => new { x.follower_id, x.followee_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_follows_followee_id_id",
                schema: "follows",
                table: "follows",
                columns: new[] { "followee_id", "id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_follows_follower_id_id",
                schema: "follows",
                table: "follows",
                columns: new[] { "follower_id", "id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_follows_id",
                schema: "follows",
                table: "follows",
                column: "id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "follow_counts",
                schema: "follows");

            migrationBuilder.DropTable(
                name: "follows",
                schema: "follows");
        }
    }
}
