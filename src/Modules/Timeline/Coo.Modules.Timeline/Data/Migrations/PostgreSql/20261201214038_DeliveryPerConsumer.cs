using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Timeline.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DeliveryPerConsumer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_next_attempt_at_occurred_at",
                schema: "timeline",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_processed_at",
                schema: "timeline",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_inbox_messages_processed_at",
                schema: "timeline",
                table: "inbox_messages");

            
            migrationBuilder.RenameColumn(
                name: "processed_at",
                schema: "timeline",
                table: "outbox_messages",
                newName: "relayed_at");

            migrationBuilder.AddColumn<Guid>(
                name: "claimed_by",
                schema: "timeline",
                table: "outbox_messages",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "claimed_until",
                schema: "timeline",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "event_name",
                schema: "timeline",
                table: "outbox_messages",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Rows written before events had names carry their CLR type name: give them the event's name.
            migrationBuilder.Sql("""UPDATE "timeline"."outbox_messages" SET event_name = CASE WHEN type LIKE 'Coo.Modules.Users.Contracts.UserRegisteredIntegrationEvent,%' THEN 'users.user-registered.v1' WHEN type LIKE 'Coo.Modules.Users.Contracts.UserProfileUpdatedIntegrationEvent,%' THEN 'users.user-profile-updated.v1' WHEN type LIKE 'Coo.Modules.Coos.Contracts.CooPostedIntegrationEvent,%' THEN 'coos.coo-posted.v1' WHEN type LIKE 'Coo.Modules.Coos.Contracts.CooDeletedIntegrationEvent,%' THEN 'coos.coo-deleted.v1' WHEN type LIKE 'Coo.Modules.Follows.Contracts.UserFollowedIntegrationEvent,%' THEN 'follows.user-followed.v1' WHEN type LIKE 'Coo.Modules.Follows.Contracts.UserUnfollowedIntegrationEvent,%' THEN 'follows.user-unfollowed.v1' ELSE type END""");

            migrationBuilder.DropColumn(
                name: "type",
                schema: "timeline",
                table: "outbox_messages");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "processed_at",
                schema: "timeline",
                table: "inbox_messages",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone");

            migrationBuilder.AddColumn<int>(
                name: "attempts",
                schema: "timeline",
                table: "inbox_messages",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "claimed_by",
                schema: "timeline",
                table: "inbox_messages",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "claimed_until",
                schema: "timeline",
                table: "inbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "content",
                schema: "timeline",
                table: "inbox_messages",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "correlation_id",
                schema: "timeline",
                table: "inbox_messages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "enqueued_at",
                schema: "timeline",
                table: "inbox_messages",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "event_name",
                schema: "timeline",
                table: "inbox_messages",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                schema: "timeline",
                table: "inbox_messages",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_attempt_at",
                schema: "timeline",
                table: "inbox_messages",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "occurred_at",
                schema: "timeline",
                table: "inbox_messages",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "parked_at",
                schema: "timeline",
                table: "inbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                schema: "timeline",
                table: "inbox_messages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trace_state",
                schema: "timeline",
                table: "inbox_messages",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_next_attempt_at_occurred_at",
                schema: "timeline",
                table: "outbox_messages",
                columns: new[] { "next_attempt_at", "occurred_at" },
                filter: "relayed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_relayed_at",
                schema: "timeline",
                table: "outbox_messages",
                column: "relayed_at",
                filter: "relayed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_consumer_next_attempt_at_occurred_at",
                schema: "timeline",
                table: "inbox_messages",
                columns: new[] { "consumer", "next_attempt_at", "occurred_at" },
                filter: "processed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_consumer_parked_at",
                schema: "timeline",
                table: "inbox_messages",
                columns: new[] { "consumer", "parked_at" },
                filter: "parked_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                schema: "timeline",
                table: "inbox_messages",
                column: "processed_at",
                filter: "processed_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_next_attempt_at_occurred_at",
                schema: "timeline",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_relayed_at",
                schema: "timeline",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_inbox_messages_consumer_next_attempt_at_occurred_at",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_inbox_messages_consumer_parked_at",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_inbox_messages_processed_at",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "claimed_by",
                schema: "timeline",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "claimed_until",
                schema: "timeline",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "event_name",
                schema: "timeline",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "attempts",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "claimed_by",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "claimed_until",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "content",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "correlation_id",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "enqueued_at",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "event_name",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "last_error",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "occurred_at",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "parked_at",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "trace_parent",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.DropColumn(
                name: "trace_state",
                schema: "timeline",
                table: "inbox_messages");

            migrationBuilder.RenameColumn(
                name: "relayed_at",
                schema: "timeline",
                table: "outbox_messages",
                newName: "processed_at");

            migrationBuilder.AddColumn<string>(
                name: "type",
                schema: "timeline",
                table: "outbox_messages",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "processed_at",
                schema: "timeline",
                table: "inbox_messages",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)),
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_next_attempt_at_occurred_at",
                schema: "timeline",
                table: "outbox_messages",
                columns: new[] { "next_attempt_at", "occurred_at" },
                filter: "processed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_processed_at",
                schema: "timeline",
                table: "outbox_messages",
                column: "processed_at",
                filter: "processed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                schema: "timeline",
                table: "inbox_messages",
                column: "processed_at");
        }
    }
}
