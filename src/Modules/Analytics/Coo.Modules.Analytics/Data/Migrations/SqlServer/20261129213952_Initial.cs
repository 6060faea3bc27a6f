using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Analytics.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "analytics");

            migrationBuilder.CreateTable(
                name: "active_users",
                schema: "analytics",
                columns: table => new
                {
                    granularity = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    bucket_start = table.Column<DateTime>(type: "datetime2", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_active_users", x => new { x.granularity, x.bucket_start, x.user_id });
                });

            migrationBuilder.CreateTable(
                name: "counts",
                schema: "analytics",
                columns: table => new
                {
                    granularity = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    bucket_start = table.Column<DateTime>(type: "datetime2", nullable: false),
                    metric = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_counts", x => new { x.granularity, x.bucket_start, x.metric });
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                schema: "analytics",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    consumer = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "analytics",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    type = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    content = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    correlation_id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    trace_parent = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    trace_state = table.Column<string>(type: "nvarchar(512)", maxLength: 512, nullable: true),
                    attempts = table.Column<int>(type: "int", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    parked_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    last_error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "raw_client_events",
                schema: "analytics",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    received_at = table.Column<DateTime>(type: "datetime2", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: true),
                    properties = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_raw_client_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                schema: "analytics",
                table: "inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_next_attempt_at_occurred_at",
                schema: "analytics",
                table: "outbox_messages",
                columns: new[] { "next_attempt_at", "occurred_at" },
                filter: "processed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_parked_at",
                schema: "analytics",
                table: "outbox_messages",
                column: "parked_at",
                filter: "parked_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_processed_at",
                schema: "analytics",
                table: "outbox_messages",
                column: "processed_at",
                filter: "processed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_raw_client_events_received_at",
                schema: "analytics",
                table: "raw_client_events",
                column: "received_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "active_users",
                schema: "analytics");

            migrationBuilder.DropTable(
                name: "counts",
                schema: "analytics");

            migrationBuilder.DropTable(
                name: "inbox_messages",
                schema: "analytics");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "analytics");

            migrationBuilder.DropTable(
                name: "raw_client_events",
                schema: "analytics");
        }
    }
}
