using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Reactions.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RepliesCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "replies_count",
                table: "reactions_reaction_counts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "reactions_replies",
                columns: table => new
                {
                    parent_coo_id = table.Column<long>(type: "INTEGER", nullable: false),
                    reply_id = table.Column<long>(type: "INTEGER", nullable: false),
                    deleted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reactions_replies", x => new { x.parent_coo_id, x.reply_id });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reactions_replies");

            migrationBuilder.DropColumn(
                name: "replies_count",
                table: "reactions_reaction_counts");
        }
    }
}
