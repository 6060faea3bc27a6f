using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Coos.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LongerLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "text",
                schema: "coos",
                table: "coos",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(1120)",
                oldMaxLength: 1120);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "text",
                schema: "coos",
                table: "coos",
                type: "nvarchar(1120)",
                maxLength: 1120,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(4000)",
                oldMaxLength: 4000);
        }
    }
}
