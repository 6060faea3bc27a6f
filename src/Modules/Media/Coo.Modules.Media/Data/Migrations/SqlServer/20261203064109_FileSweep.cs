using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Media.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class FileSweep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sweep_candidates",
                schema: "media",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    file_name = table.Column<string>(type: "nvarchar(69)", maxLength: 69, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sweep_candidates", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_media_items_file_name",
                schema: "media",
                table: "media_items",
                column: "file_name");

            migrationBuilder.CreateIndex(
                name: "ix_media_items_preview_file_name",
                schema: "media",
                table: "media_items",
                column: "preview_file_name");

            migrationBuilder.CreateIndex(
                name: "ix_sweep_candidates_recorded_at",
                schema: "media",
                table: "sweep_candidates",
                column: "recorded_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sweep_candidates",
                schema: "media");

            migrationBuilder.DropIndex(
                name: "ix_media_items_file_name",
                schema: "media",
                table: "media_items");

            migrationBuilder.DropIndex(
                name: "ix_media_items_preview_file_name",
                schema: "media",
                table: "media_items");
        }
    }
}
