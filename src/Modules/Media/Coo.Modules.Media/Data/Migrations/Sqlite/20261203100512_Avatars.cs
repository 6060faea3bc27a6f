using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Media.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Avatars : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "media_avatars",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 69, nullable: true),
                    small_file_name = table.Column<string>(type: "TEXT", maxLength: 69, nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    changed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_media_avatars", x => x.user_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_media_avatars_file_name",
                table: "media_avatars",
                column: "file_name");

            migrationBuilder.CreateIndex(
                name: "ix_media_avatars_small_file_name",
                table: "media_avatars",
                column: "small_file_name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "media_avatars");
        }
    }
}
