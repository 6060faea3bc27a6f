using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Users.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ProfileVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "profile_version",
                schema: "users",
                table: "users",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "profile_version",
                schema: "users",
                table: "users");
        }
    }
}
