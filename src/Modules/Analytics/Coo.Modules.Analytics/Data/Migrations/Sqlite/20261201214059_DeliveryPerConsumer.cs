using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coo.Modules.Analytics.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeliveryPerConsumer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_analytics_outbox_messages_next_attempt_at_occurred_at",
                table: "analytics_outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_analytics_outbox_messages_processed_at",
                table: "analytics_outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_analytics_inbox_messages_processed_at",
                table: "analytics_inbox_messages");

            
            migrationBuilder.RenameColumn(
                name: "processed_at",
                table: "analytics_outbox_messages",
                newName: "relayed_at");

            migrationBuilder.AddColumn<Guid>(
                name: "claimed_by",
                table: "analytics_outbox_messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "claimed_until",
                table: "analytics_outbox_messages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "event_name",
                table: "analytics_outbox_messages",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Rows written before events had names carry their CLR type name: give them the event's name.
            migrationBuilder.Sql("""UPDATE "analytics_outbox_messages" SET event_name = CASE WHEN type LIKE 'Coo.Modules.Users.Contracts.UserRegisteredIntegrationEvent,%' THEN 'users.user-registered.v1' WHEN type LIKE 'Coo.Modules.Users.Contracts.UserProfileUpdatedIntegrationEvent,%' THEN 'users.user-profile-updated.v1' WHEN type LIKE 'Coo.Modules.Coos.Contracts.CooPostedIntegrationEvent,%' THEN 'coos.coo-posted.v1' WHEN type LIKE 'Coo.Modules.Coos.Contracts.CooDeletedIntegrationEvent,%' THEN 'coos.coo-deleted.v1' WHEN type LIKE 'Coo.Modules.Follows.Contracts.UserFollowedIntegrationEvent,%' THEN 'follows.user-followed.v1' WHEN type LIKE 'Coo.Modules.Follows.Contracts.UserUnfollowedIntegrationEvent,%' THEN 'follows.user-unfollowed.v1' ELSE type END""");

            migrationBuilder.DropColumn(
                name: "type",
                table: "analytics_outbox_messages");

            migrationBuilder.AlterColumn<long>(
                name: "processed_at",
                table: "analytics_inbox_messages",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "analytics_inbox_messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "claimed_by",
                table: "analytics_inbox_messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "claimed_until",
                table: "analytics_inbox_messages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "content",
                table: "analytics_inbox_messages",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "correlation_id",
                table: "analytics_inbox_messages",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "enqueued_at",
                table: "analytics_inbox_messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "event_name",
                table: "analytics_inbox_messages",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                table: "analytics_inbox_messages",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "next_attempt_at",
                table: "analytics_inbox_messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "occurred_at",
                table: "analytics_inbox_messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "parked_at",
                table: "analytics_inbox_messages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                table: "analytics_inbox_messages",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trace_state",
                table: "analytics_inbox_messages",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_analytics_outbox_messages_next_attempt_at_occurred_at",
                table: "analytics_outbox_messages",
                columns: new[] { "next_attempt_at", "occurred_at" },
                filter: "relayed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_analytics_outbox_messages_relayed_at",
                table: "analytics_outbox_messages",
                column: "relayed_at",
                filter: "relayed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_analytics_inbox_messages_consumer_next_attempt_at_occurred_at",
                table: "analytics_inbox_messages",
                columns: new[] { "consumer", "next_attempt_at", "occurred_at" },
                filter: "processed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_analytics_inbox_messages_consumer_parked_at",
                table: "analytics_inbox_messages",
                columns: new[] { "consumer", "parked_at" },
                filter: "parked_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_analytics_inbox_messages_processed_at",
                table: "analytics_inbox_messages",
                column: "processed_at",
                filter: "processed_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_analytics_outbox_messages_next_attempt_at_occurred_at",
                table: "analytics_outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_analytics_outbox_messages_relayed_at",
                table: "analytics_outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_analytics_inbox_messages_consumer_next_attempt_at_occurred_at",
                table: "analytics_inbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_analytics_inbox_messages_consumer_parked_at",
                table: "analytics_inbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_analytics_inbox_messages_processed_at",
                table: "analytics_inbox_messages");

            migrationBuilder.DropColumn(
                name: "claimed_by",
                table: "analytics_outbox_messages");

            migrationBuilder.DropColumn(
                name: "claimed_until",
                table: "analytics_outbox_messages");

            migrationBuilder.DropColumn(
                name: "event_name",
                table: "analytics_outbox_messages");

            migrationBuilder.DropColumn(
                name: "attempts",
                table: "analytics_inbox_messages");

            migrationBuilder.DropColumn(
                name: "claimed_by",
                table: "analytics_inbox_messages");

            migrationBuilder.DropColumn(
                name: "claimed_until",
                table: "analytics_inbox_messages");

            migrationBuilder.DropColumn(
                name: "content",
                table: "analytics_inbox_messages");

            migrationBuilder.DropColumn(
                name: "correlation_id",
                table: "analytics_inbox_messages");

            migrationBuilder.DropColumn(
                name: "enqueued_at",
                table: "analytics_inbox_messages");

            migrationBuilder.DropColumn(
                name: "event_name",
                table: "analytics_inbox_messages");

            migrationBuilder.DropColumn(
                name: "last_error",
                table: "analytics_inbox_messages");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                table: "analytics_inbox_messages");

            migrationBuilder.DropColumn(
                name: "occurred_at",
                table: "analytics_inbox_messages");

            migrationBuilder.DropColumn(
                name: "parked_at",
                table: "analytics_inbox_messages");

            migrationBuilder.DropColumn(
                name: "trace_parent",
                table: "analytics_inbox_messages");

            migrationBuilder.DropColumn(
                name: "trace_state",
                table: "analytics_inbox_messages");

            migrationBuilder.RenameColumn(
                name: "relayed_at",
                table: "analytics_outbox_messages",
                newName: "processed_at");

            migrationBuilder.AddColumn<string>(
                name: "type",
                table: "analytics_outbox_messages",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<long>(
                name: "processed_at",
                table: "analytics_inbox_messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_analytics_outbox_messages_next_attempt_at_occurred_at",
                table: "analytics_outbox_messages",
                columns: new[] { "next_attempt_at", "occurred_at" },
                filter: "processed_at IS NULL AND parked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_analytics_outbox_messages_processed_at",
                table: "analytics_outbox_messages",
                column: "processed_at",
                filter: "processed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_analytics_inbox_messages_processed_at",
                table: "analytics_inbox_messages",
                column: "processed_at");
        }
    }
}
