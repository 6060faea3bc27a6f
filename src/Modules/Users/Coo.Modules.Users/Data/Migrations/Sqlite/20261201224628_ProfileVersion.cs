using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Users.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProfileVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "profile_version",
                table: "users_users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "profile_version",
                table: "users_users");
        }
    }
}
