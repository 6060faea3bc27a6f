using System.Text.Json;
using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Analytics.Features.RecordClientEvents;

/// <summary>
/// Keeps each event as a raw row (deleted after the retention period) and adds it to the aggregates in the same
/// transaction, so the statistics never wait for a job and deleting raw rows later loses no count.
/// </summary>
internal sealed class RecordClientEventsHandler(
    AnalyticsDbContext db,
    AnalyticsCounters counters,
    SnowflakeIdGenerator ids,
    TimeProvider time) : ICommandHandler<RecordClientEvents>
{
    public async ValueTask<Unit> Handle(RecordClientEvents command, CancellationToken cancellationToken)
    {
        var events = command.Events!;
        var receivedAt = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.RawClientEvents.AddRange(events.Select(e => new RawClientEvent(
            ids.NextId(),
            e.Name!,
            e.OccurredAt!.Value.UtcDateTime,
            receivedAt,
            command.UserId,
            e.Properties is { Count: > 0 } properties ? JsonSerializer.Serialize(properties) : null)));
        await db.SaveChangesAsync(cancellationToken);

        // One occurrence per name and hour rather than per event: a batch usually holds a few names within one hour.
        await counters.RecordAsync(
            [.. events.GroupBy(e => (Name: e.Name!, Hour: Buckets.StartOf(e.OccurredAt!.Value, Granularity.Hour)))
                .Select(group => new Occurrence(group.Key.Name, group.Key.Hour, command.UserId, group.Count()))],
            cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
