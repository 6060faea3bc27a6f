using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Coos.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddCoos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "coos_coos",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    author_id = table.Column<long>(type: "INTEGER", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 1120, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coos_coos", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "coos_idempotency_keys",
                columns: table => new
                {
                    author_id = table.Column<long>(type: "INTEGER", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    coo_id = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coos_idempotency_keys", x => new { x.author_id, x.key });
                });

            migrationBuilder.CreateIndex(
                name: "ix_coos_coos_author_id_id",
                table: "coos_coos",
                columns: new[] { "author_id", "id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_coos_idempotency_keys_created_at",
                table: "coos_idempotency_keys",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coos_coos");

            migrationBuilder.DropTable(
                name: "coos_idempotency_keys");
        }
    }
}
