using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Notifications.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notifications_deleted_coos",
                columns: table => new
                {
                    coo_id = table.Column<long>(type: "INTEGER", nullable: false),
                    deleted_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_deleted_coos", x => x.coo_id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_groups",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    recipient_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    coo_id = table.Column<long>(type: "INTEGER", nullable: true),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    latest_id = table.Column<long>(type: "INTEGER", nullable: false),
                    latest_at = table.Column<long>(type: "INTEGER", nullable: false),
                    actors_count = table.Column<int>(type: "INTEGER", nullable: false),
                    recent_actor_ids = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_groups", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    consumer = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    event_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    enqueued_at = table.Column<long>(type: "INTEGER", nullable: false),
                    correlation_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    trace_parent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    trace_state = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    claimed_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    claimed_until = table.Column<long>(type: "INTEGER", nullable: true),
                    processed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    parked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "notifications_markers",
                columns: table => new
                {
                    user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_read_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_markers", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    event_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    correlation_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    trace_parent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    trace_state = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    claimed_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    claimed_until = table.Column<long>(type: "INTEGER", nullable: true),
                    relayed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    parked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_sources",
                columns: table => new
                {
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    source_id = table.Column<long>(type: "INTEGER", nullable: false),
                    recipient_id = table.Column<long>(type: "INTEGER", nullable: false),
                    actor_id = table.Column<long>(type: "INTEGER", nullable: false),
                    coo_id = table.Column<long>(type: "INTEGER", nullable: true),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    group_id = table.Column<long>(type: "INTEGER", nullable: true),
                    undone = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_sources", x => new { x.kind, x.source_id, x.recipient_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_groups_coo_id",
                table: "notifications_groups",
                column: "coo_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_groups_recipient_id_kind_coo_id_opened_at",
                table: "notifications_groups",
                columns: new[] { "recipient_id", "kind", "coo_id", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_groups_recipient_id_latest_id",
                table: "notifications_groups",
                columns: new[] { "recipient_id", "latest_id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_inbox_messages_consumer_next_attempt_at_occurred_at",
                table: "notifications_inbox_messages",
                columns: new[] { "consumer", "next_attempt_at", "occurred_at" },
                filter: "processed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_inbox_messages_consumer_parked_at",
                table: "notifications_inbox_messages",
                columns: new[] { "consumer", "parked_at" },
                filter: "parked_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_inbox_messages_processed_at",
                table: "notifications_inbox_messages",
                column: "processed_at",
                filter: "processed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_outbox_messages_next_attempt_at_occurred_at",
                table: "notifications_outbox_messages",
                columns: new[] { "next_attempt_at", "occurred_at" },
                filter: "relayed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_outbox_messages_parked_at",
                table: "notifications_outbox_messages",
                column: "parked_at",
                filter: "parked_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_outbox_messages_relayed_at",
                table: "notifications_outbox_messages",
                column: "relayed_at",
                filter: "relayed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_sources_coo_id",
                table: "notifications_sources",
                column: "coo_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_sources_group_id_source_id",
                table: "notifications_sources",
                columns: new[] { "group_id", "source_id" },
                descending: new[] { false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notifications_deleted_coos");

            migrationBuilder.DropTable(
                name: "notifications_groups");

            migrationBuilder.DropTable(
                name: "notifications_inbox_messages");

            migrationBuilder.DropTable(
                name: "notifications_markers");

            migrationBuilder.DropTable(
                name: "notifications_outbox_messages");

            migrationBuilder.DropTable(
                name: "notifications_sources");
        }
    }
}
