using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Reactions.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "reactions");

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                schema: "reactions",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    consumer = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    event_name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    content = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    enqueued_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    correlation_id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    trace_parent = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    trace_state = table.Column<string>(type: "nvarchar(512)", maxLength: 512, nullable: true),
                    attempts = table.Column<int>(type: "int", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    claimed_by = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    claimed_until = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    processed_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    parked_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    last_error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "reactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    event_name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    content = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    correlation_id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    trace_parent = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    trace_state = table.Column<string>(type: "nvarchar(512)", maxLength: 512, nullable: true),
                    attempts = table.Column<int>(type: "int", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    claimed_by = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    claimed_until = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    relayed_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    parked_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    last_error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reaction_counts",
                schema: "reactions",
                columns: table => new
                {
                    coo_id = table.Column<long>(type: "bigint", nullable: false),
                    share = table.Column<int>(type: "int", nullable: false),
                    likes_count = table.Column<int>(type: "int", nullable: false),
                    reposts_count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reaction_counts", x => new { x.coo_id, x.share });
                });

            migrationBuilder.CreateTable(
                name: "reactions",
                schema: "reactions",
                columns: table => new
                {
                    coo_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<int>(type: "int", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    id = table.Column<long>(type: "bigint", nullable: false),
                    coo_author_id = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reactions", x => new { x.coo_id, x.kind, x.user_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_consumer_next_attempt_at_occurred_at",
                schema: "reactions",
                table: "inbox_messages",
                columns: new[] { "consumer", "next_attempt_at", "occurred_at" },
                filter: "processed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_consumer_parked_at",
                schema: "reactions",
                table: "inbox_messages",
                columns: new[] { "consumer", "parked_at" },
                filter: "parked_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                schema: "reactions",
                table: "inbox_messages",
                column: "processed_at",
                filter: "processed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_next_attempt_at_occurred_at",
                schema: "reactions",
                table: "outbox_messages",
                columns: new[] { "next_attempt_at", "occurred_at" },
                filter: "relayed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_parked_at",
                schema: "reactions",
                table: "outbox_messages",
                column: "parked_at",
                filter: "parked_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_relayed_at",
                schema: "reactions",
                table: "outbox_messages",
                column: "relayed_at",
                filter: "relayed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reactions_coo_id_kind_id",
                schema: "reactions",
                table: "reactions",
                columns: new[] { "coo_id", "kind", "id" },
                descending: new[] { false, false, true });

            migrationBuilder.CreateIndex(
                name: "ix_reactions_id",
                schema: "reactions",
                table: "reactions",
                column: "id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reactions_user_id_kind_id",
                schema: "reactions",
                table: "reactions",
                columns: new[] { "user_id", "kind", "id" },
                descending: new[] { false, false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbox_messages",
                schema: "reactions");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "reactions");

            migrationBuilder.DropTable(
                name: "reaction_counts",
                schema: "reactions");

            migrationBuilder.DropTable(
                name: "reactions",
                schema: "reactions");
        }
    }
}
