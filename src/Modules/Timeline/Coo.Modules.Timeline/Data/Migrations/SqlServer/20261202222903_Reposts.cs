using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Timeline.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Reposts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "position",
                schema: "timeline",
                table: "entries",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Every entry so far is a coo in its own right, at its own id.
            migrationBuilder.Sql("UPDATE [timeline].[entries] SET position = coo_id;");

            migrationBuilder.AddColumn<long>(
                name: "reposted_by_id",
                schema: "timeline",
                table: "entries",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "reposts",
                schema: "timeline",
                columns: table => new
                {
                    repost_id = table.Column<long>(type: "bigint", nullable: false),
                    coo_id = table.Column<long>(type: "bigint", nullable: false),
                    reposter_id = table.Column<long>(type: "bigint", nullable: false),
                    coo_author_id = table.Column<long>(type: "bigint", nullable: false),
                    in_reply_to_author_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reposts", x => x.repost_id);
                });

            migrationBuilder.CreateTable(
                name: "undone_reposts",
                schema: "timeline",
                columns: table => new
                {
                    repost_id = table.Column<long>(type: "bigint", nullable: false),
                    undone_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_undone_reposts", x => x.repost_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_entries_owner_id_position",
                schema: "timeline",
                table: "entries",
                columns: new[] { "owner_id", "position" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_reposts_coo_id",
                schema: "timeline",
                table: "reposts",
                column: "coo_id");

            migrationBuilder.CreateIndex(
                name: "ix_reposts_reposter_id_repost_id",
                schema: "timeline",
                table: "reposts",
                columns: new[] { "reposter_id", "repost_id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_undone_reposts_undone_at",
                schema: "timeline",
                table: "undone_reposts",
                column: "undone_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reposts",
                schema: "timeline");

            migrationBuilder.DropTable(
                name: "undone_reposts",
                schema: "timeline");

            migrationBuilder.DropIndex(
                name: "ix_entries_owner_id_position",
                schema: "timeline",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "position",
                schema: "timeline",
                table: "entries");

            migrationBuilder.DropColumn(
                name: "reposted_by_id",
                schema: "timeline",
                table: "entries");
        }
    }
}
