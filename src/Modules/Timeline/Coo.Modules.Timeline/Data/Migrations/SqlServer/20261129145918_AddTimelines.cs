using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Timeline.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddTimelines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "deleted_coos",
                schema: "timeline",
                columns: table => new
                {
                    coo_id = table.Column<long>(type: "bigint", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deleted_coos", x => x.coo_id);
                });

            migrationBuilder.CreateTable(
                name: "entries",
                schema: "timeline",
                columns: table => new
                {
                    owner_id = table.Column<long>(type: "bigint", nullable: false),
                    coo_id = table.Column<long>(type: "bigint", nullable: false),
                    author_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entries", x => new { x.owner_id, x.coo_id });
                });

            migrationBuilder.CreateTable(
                name: "follow_edges",
                schema: "timeline",
                columns: table => new
                {
                    follower_id = table.Column<long>(type: "bigint", nullable: false),
                    followee_id = table.Column<long>(type: "bigint", nullable: false),
                    follow_id = table.Column<long>(type: "bigint", nullable: false),
                    is_active = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_edges", x => new { x.follower_id, x.followee_id });
                });

            migrationBuilder.CreateTable(
                name: "horizons",
                schema: "timeline",
                columns: table => new
                {
                    owner_id = table.Column<long>(type: "bigint", nullable: false),
                    complete_from_coo_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_horizons", x => x.owner_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_deleted_coos_deleted_at",
                schema: "timeline",
                table: "deleted_coos",
                column: "deleted_at");

            migrationBuilder.CreateIndex(
                name: "ix_entries_coo_id",
                schema: "timeline",
                table: "entries",
                column: "coo_id");

            migrationBuilder.CreateIndex(
                name: "ix_entries_owner_id_author_id",
                schema: "timeline",
                table: "entries",
                columns: new[] { "owner_id", "author_id" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_edges_followee_id_follower_id",
                schema: "timeline",
                table: "follow_edges",
                columns: new[] { "followee_id", "follower_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deleted_coos",
                schema: "timeline");

            migrationBuilder.DropTable(
                name: "entries",
                schema: "timeline");

            migrationBuilder.DropTable(
                name: "follow_edges",
                schema: "timeline");

            migrationBuilder.DropTable(
                name: "horizons",
                schema: "timeline");
        }
    }
}
