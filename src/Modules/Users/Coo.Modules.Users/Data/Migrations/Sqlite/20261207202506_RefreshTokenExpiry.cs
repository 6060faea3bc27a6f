using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Users.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RefreshTokenExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_users_refresh_tokens_expires_at",
                table: "users_refresh_tokens",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_users_refresh_tokens_expires_at",
                table: "users_refresh_tokens");
        }
    }
}
