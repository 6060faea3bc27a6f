using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Media.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FileSweep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "media_sweep_candidates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 69, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_media_sweep_candidates", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_media_media_items_file_name",
                table: "media_media_items",
                column: "file_name");

            migrationBuilder.CreateIndex(
                name: "ix_media_media_items_preview_file_name",
                table: "media_media_items",
                column: "preview_file_name");

            migrationBuilder.CreateIndex(
                name: "ix_media_sweep_candidates_recorded_at",
                table: "media_sweep_candidates",
                column: "recorded_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "media_sweep_candidates");

            migrationBuilder.DropIndex(
                name: "ix_media_media_items_file_name",
                table: "media_media_items");

            migrationBuilder.DropIndex(
                name: "ix_media_media_items_preview_file_name",
                table: "media_media_items");
        }
    }
}
