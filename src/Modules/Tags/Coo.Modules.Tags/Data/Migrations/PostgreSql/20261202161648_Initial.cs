using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Tags.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "tags");

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                schema: "tags",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    event_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    enqueued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    correlation_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    trace_parent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    trace_state = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    claimed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    claimed_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    parked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "tags",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    correlation_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    trace_parent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    trace_state = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    claimed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    claimed_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    relayed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    parked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tag_trends",
                schema: "tags",
                columns: table => new
                {
                    tag = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    people = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tag_trends", x => x.tag);
                });

            migrationBuilder.CreateTable(
                name: "tag_uses",
                schema: "tags",
                columns: table => new
                {
                    tag = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tag_uses", x => new { x.tag, x.user_id });
                });

            migrationBuilder.CreateTable(
                name: "tagged_coos",
                schema: "tags",
                columns: table => new
                {
                    tag = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    coo_id = table.Column<long>(type: "bigint", nullable: false),
                    author_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tagged_coos", x => new { x.tag, x.coo_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_consumer_next_attempt_at_occurred_at",
                schema: "tags",
                table: "inbox_messages",
                columns: new[] { "consumer", "next_attempt_at", "occurred_at" },
                filter: "processed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_consumer_parked_at",
                schema: "tags",
                table: "inbox_messages",
                columns: new[] { "consumer", "parked_at" },
                filter: "parked_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                schema: "tags",
                table: "inbox_messages",
                column: "processed_at",
                filter: "processed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_next_attempt_at_occurred_at",
                schema: "tags",
                table: "outbox_messages",
                columns: new[] { "next_attempt_at", "occurred_at" },
                filter: "relayed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_parked_at",
                schema: "tags",
                table: "outbox_messages",
                column: "parked_at",
                filter: "parked_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_relayed_at",
                schema: "tags",
                table: "outbox_messages",
                column: "relayed_at",
                filter: "relayed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tag_trends_people",
                schema: "tags",
                table: "tag_trends",
                column: "people",
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_tag_uses_last_used_at",
                schema: "tags",
                table: "tag_uses",
                column: "last_used_at");

            migrationBuilder.CreateIndex(
                name: "ix_tagged_coos_coo_id",
                schema: "tags",
                table: "tagged_coos",
                column: "coo_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbox_messages",
                schema: "tags");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "tags");

            migrationBuilder.DropTable(
                name: "tag_trends",
                schema: "tags");

            migrationBuilder.DropTable(
                name: "tag_uses",
                schema: "tags");

            migrationBuilder.DropTable(
                name: "tagged_coos",
                schema: "tags");
        }
    }
}
