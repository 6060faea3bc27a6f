using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Coos.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddAuthorStats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "author_stats",
                schema: "coos",
                columns: table => new
                {
                    author_id = table.Column<long>(type: "bigint", nullable: false),
                    coos_count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_author_stats", x => x.author_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "author_stats",
                schema: "coos");
        }
    }
}
