using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Analytics.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "analytics_active_users",
                columns: table => new
                {
                    granularity = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    bucket_start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_active_users", x => new { x.granularity, x.bucket_start, x.user_id });
                });

            migrationBuilder.CreateTable(
                name: "analytics_counts",
                columns: table => new
                {
                    granularity = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    bucket_start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    metric = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_counts", x => new { x.granularity, x.bucket_start, x.metric });
                });

            migrationBuilder.CreateTable(
                name: "analytics_inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    consumer = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    processed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "analytics_outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    correlation_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    trace_parent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    trace_state = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    processed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    parked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "analytics_raw_client_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: true),
                    properties = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_analytics_raw_client_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_analytics_inbox_messages_processed_at",
                table: "analytics_inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_analytics_outbox_messages_next_attempt_at_occurred_at",
                table: "analytics_outbox_messages",
                columns: new[] { "next_attempt_at", "occurred_at" },
                filter: "processed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_analytics_outbox_messages_parked_at",
                table: "analytics_outbox_messages",
                column: "parked_at",
                filter: "parked_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_analytics_outbox_messages_processed_at",
                table: "analytics_outbox_messages",
                column: "processed_at",
                filter: "processed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_analytics_raw_client_events_received_at",
                table: "analytics_raw_client_events",
                column: "received_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "analytics_active_users");

            migrationBuilder.DropTable(
                name: "analytics_counts");

            migrationBuilder.DropTable(
                name: "analytics_inbox_messages");

            migrationBuilder.DropTable(
                name: "analytics_outbox_messages");

            migrationBuilder.DropTable(
                name: "analytics_raw_client_events");
        }
    }
}
