using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Coos.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LongerLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
