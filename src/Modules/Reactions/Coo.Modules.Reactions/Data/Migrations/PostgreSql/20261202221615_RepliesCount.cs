using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Reactions.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RepliesCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "replies_count",
                schema: "reactions",
                table: "reaction_counts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "replies",
                schema: "reactions",
                columns: table => new
                {
                    parent_coo_id = table.Column<long>(type: "bigint", nullable: false),
                    reply_id = table.Column<long>(type: "bigint", nullable: false),
                    deleted = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_replies", x => new { x.parent_coo_id, x.reply_id });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "replies",
                schema: "reactions");

            migrationBuilder.DropColumn(
                name: "replies_count",
                schema: "reactions",
                table: "reaction_counts");
        }
    }
}
