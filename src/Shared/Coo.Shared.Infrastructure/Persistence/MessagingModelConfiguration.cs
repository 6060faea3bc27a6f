using Coo.Shared.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coo.Shared.Infrastructure.Persistence;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.EventName).HasMaxLength(200);
        builder.Property(m => m.CorrelationId).HasMaxLength(64);
        builder.Property(m => m.TraceParent).HasMaxLength(64); // 55 characters in W3C trace context version 00
        builder.Property(m => m.TraceState).HasMaxLength(OutboxMessage.MaxTraceStateLength);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);

        // The relay only ever looks for due, unrelayed rows: keep that index small.
        builder.HasIndex(m => new { m.NextAttemptAt, m.OccurredAt })
            .HasFilter("relayed_at IS NULL AND parked_at IS NULL");
        builder.HasIndex(m => m.RelayedAt).HasFilter("relayed_at IS NOT NULL");

        // The parked-messages gauge counts these every few seconds; normally empty, so the index costs nothing.
        builder.HasIndex(m => m.ParkedAt).HasFilter("parked_at IS NOT NULL");
    }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("inbox_messages");
        builder.HasKey(m => new { m.MessageId, m.Consumer });
        builder.Property(m => m.Consumer).HasMaxLength(300);
        builder.Property(m => m.EventName).HasMaxLength(200);
        builder.Property(m => m.CorrelationId).HasMaxLength(64);
        builder.Property(m => m.TraceParent).HasMaxLength(64);
        builder.Property(m => m.TraceState).HasMaxLength(OutboxMessage.MaxTraceStateLength);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);

        // Each consumer's worker looks for its own due rows only.
        builder.HasIndex(m => new { m.Consumer, m.NextAttemptAt, m.OccurredAt })
            .HasFilter("processed_at IS NULL AND parked_at IS NULL");
        builder.HasIndex(m => m.ProcessedAt).HasFilter("processed_at IS NOT NULL");
        builder.HasIndex(m => new { m.Consumer, m.ParkedAt }).HasFilter("parked_at IS NOT NULL");
    }
}
