using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Tags.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tags_inbox_messages",
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
                    table.PrimaryKey("pk_tags_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "tags_outbox_messages",
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
                    table.PrimaryKey("pk_tags_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tags_tag_trends",
                columns: table => new
                {
                    tag = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    people = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tags_tag_trends", x => x.tag);
                });

            migrationBuilder.CreateTable(
                name: "tags_tag_uses",
                columns: table => new
                {
                    tag = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    user_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_used_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tags_tag_uses", x => new { x.tag, x.user_id });
                });

            migrationBuilder.CreateTable(
                name: "tags_tagged_coos",
                columns: table => new
                {
                    tag = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    coo_id = table.Column<long>(type: "INTEGER", nullable: false),
                    author_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tags_tagged_coos", x => new { x.tag, x.coo_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_tags_inbox_messages_consumer_next_attempt_at_occurred_at",
                table: "tags_inbox_messages",
                columns: new[] { "consumer", "next_attempt_at", "occurred_at" },
                filter: "processed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tags_inbox_messages_consumer_parked_at",
                table: "tags_inbox_messages",
                columns: new[] { "consumer", "parked_at" },
                filter: "parked_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tags_inbox_messages_processed_at",
                table: "tags_inbox_messages",
                column: "processed_at",
                filter: "processed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tags_outbox_messages_next_attempt_at_occurred_at",
                table: "tags_outbox_messages",
                columns: new[] { "next_attempt_at", "occurred_at" },
                filter: "relayed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tags_outbox_messages_parked_at",
                table: "tags_outbox_messages",
                column: "parked_at",
                filter: "parked_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tags_outbox_messages_relayed_at",
                table: "tags_outbox_messages",
                column: "relayed_at",
                filter: "relayed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tags_tag_trends_people",
                table: "tags_tag_trends",
                column: "people",
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_tags_tag_uses_last_used_at",
                table: "tags_tag_uses",
                column: "last_used_at");

            migrationBuilder.CreateIndex(
                name: "ix_tags_tagged_coos_coo_id",
                table: "tags_tagged_coos",
                column: "coo_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tags_inbox_messages");

            migrationBuilder.DropTable(
                name: "tags_outbox_messages");

            migrationBuilder.DropTable(
                name: "tags_tag_trends");

            migrationBuilder.DropTable(
                name: "tags_tag_uses");

            migrationBuilder.DropTable(
                name: "tags_tagged_coos");
        }
    }
}
