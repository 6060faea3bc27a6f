using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Coos.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PinnedCoo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pins",
                schema: "coos",
                columns: table => new
                {
                    author_id = table.Column<long>(type: "bigint", nullable: false),
                    coo_id = table.Column<long>(type: "bigint", nullable: false),
                    pinned_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pins", x => x.author_id);
                    table.ForeignKey(
                        name: "fk_pins_coos_coo_id",
                        column: x => x.coo_id,
                        principalSchema: "coos",
                        principalTable: "coos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_pins_coo_id",
                schema: "coos",
                table: "pins",
                column: "coo_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pins",
                schema: "coos");
        }
    }
}
