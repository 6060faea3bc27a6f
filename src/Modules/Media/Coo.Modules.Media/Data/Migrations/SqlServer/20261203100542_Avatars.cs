using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Media.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Avatars : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "avatars",
                schema: "media",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    file_name = table.Column<string>(type: "nvarchar(69)", maxLength: 69, nullable: true),
                    small_file_name = table.Column<string>(type: "nvarchar(69)", maxLength: 69, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_avatars", x => x.user_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_avatars_file_name",
                schema: "media",
                table: "avatars",
                column: "file_name");

            migrationBuilder.CreateIndex(
                name: "ix_avatars_small_file_name",
                schema: "media",
                table: "avatars",
                column: "small_file_name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "avatars",
                schema: "media");
        }
    }
}
