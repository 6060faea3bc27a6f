using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Coos.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Replies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "conversation_id",
                schema: "coos",
                table: "coos",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Every coo posted before replies existed starts its own conversation.
            migrationBuilder.Sql("UPDATE coos.coos SET conversation_id = id;");

            migrationBuilder.AddColumn<long>(
                name: "in_reply_to_author_id",
                schema: "coos",
                table: "coos",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "in_reply_to_id",
                schema: "coos",
                table: "coos",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "conversation_tombstones",
                schema: "coos",
                columns: table => new
                {
                    coo_id = table.Column<long>(type: "bigint", nullable: false),
                    in_reply_to_id = table.Column<long>(type: "bigint", nullable: true),
                    conversation_id = table.Column<long>(type: "bigint", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversation_tombstones", x => x.coo_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_coos_conversation_id",
                schema: "coos",
                table: "coos",
                column: "conversation_id");

            migrationBuilder.CreateIndex(
                name: "ix_coos_in_reply_to_author_id_id",
                schema: "coos",
                table: "coos",
                columns: new[] { "in_reply_to_author_id", "id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_conversation_tombstones_conversation_id",
                schema: "coos",
                table: "conversation_tombstones",
                column: "conversation_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conversation_tombstones",
                schema: "coos");

            migrationBuilder.DropIndex(
                name: "ix_coos_conversation_id",
                schema: "coos",
                table: "coos");

            migrationBuilder.DropIndex(
                name: "ix_coos_in_reply_to_author_id_id",
                schema: "coos",
                table: "coos");

            migrationBuilder.DropColumn(
                name: "conversation_id",
                schema: "coos",
                table: "coos");

            migrationBuilder.DropColumn(
                name: "in_reply_to_author_id",
                schema: "coos",
                table: "coos");

            migrationBuilder.DropColumn(
                name: "in_reply_to_id",
                schema: "coos",
                table: "coos");
        }
    }
}
