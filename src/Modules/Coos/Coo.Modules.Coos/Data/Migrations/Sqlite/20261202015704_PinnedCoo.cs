using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Coos.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PinnedCoo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "coos_pins",
                columns: table => new
                {
                    author_id = table.Column<long>(type: "INTEGER", nullable: false),
                    coo_id = table.Column<long>(type: "INTEGER", nullable: false),
                    pinned_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coos_pins", x => x.author_id);
                    table.ForeignKey(
                        name: "fk_coos_pins_coos_coos_coo_id",
                        column: x => x.coo_id,
                        principalTable: "coos_coos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_coos_pins_coo_id",
                table: "coos_pins",
                column: "coo_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coos_pins");
        }
    }
}
