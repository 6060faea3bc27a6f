using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Coos.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Replies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "conversation_id",
                table: "coos_coos",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Every coo posted before replies existed starts its own conversation.
            migrationBuilder.Sql("UPDATE \"coos_coos\" SET conversation_id = id;");

            migrationBuilder.AddColumn<long>(
                name: "in_reply_to_author_id",
                table: "coos_coos",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "in_reply_to_id",
                table: "coos_coos",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "coos_conversation_tombstones",
                columns: table => new
                {
                    coo_id = table.Column<long>(type: "INTEGER", nullable: false),
                    in_reply_to_id = table.Column<long>(type: "INTEGER", nullable: true),
                    conversation_id = table.Column<long>(type: "INTEGER", nullable: false),
                    deleted_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coos_conversation_tombstones", x => x.coo_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_coos_coos_conversation_id",
                table: "coos_coos",
                column: "conversation_id");

            migrationBuilder.CreateIndex(
                name: "ix_coos_coos_in_reply_to_author_id_id",
                table: "coos_coos",
                columns: new[] { "in_reply_to_author_id", "id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_coos_conversation_tombstones_conversation_id",
                table: "coos_conversation_tombstones",
                column: "conversation_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coos_conversation_tombstones");

            migrationBuilder.DropIndex(
                name: "ix_coos_coos_conversation_id",
                table: "coos_coos");

            migrationBuilder.DropIndex(
                name: "ix_coos_coos_in_reply_to_author_id_id",
                table: "coos_coos");

            migrationBuilder.DropColumn(
                name: "conversation_id",
                table: "coos_coos");

            migrationBuilder.DropColumn(
                name: "in_reply_to_author_id",
                table: "coos_coos");

            migrationBuilder.DropColumn(
                name: "in_reply_to_id",
                table: "coos_coos");
        }
    }
}
