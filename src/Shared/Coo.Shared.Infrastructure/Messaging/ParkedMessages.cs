using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>One parked message: <see cref="Consumer"/> is null for the module's outbox relay, else the consumer's queue.</summary>
public sealed record ParkedMessage(string Module, string? Consumer, Guid MessageId, string EventName, DateTimeOffset OccurredAt, DateTimeOffset ParkedAt, int Attempts, string? LastError);

/// <summary>
/// What an operator needs after a fault: the parked messages of each module's relay and consumers, and requeueing one
/// or all of them. A requeued inbox row is the same row, its key unchanged, so it still has its effect exactly once.
/// </summary>
internal sealed class ParkedMessages(
    IServiceScopeFactory scopes,
    IEnumerable<ModuleDatabase> modules,
    IEnumerable<IIntegrationEventConsumer> consumers,
    MessageWakeup wakeup,
    TimeProvider time)
{
    public const int MaxListed = 200;

    private readonly ModuleDatabase[] _modules = [.. modules];
    private readonly IIntegrationEventConsumer[] _consumers = [.. consumers];

    internal static readonly Error UnknownModule = new("messaging.unknown-module", "Name a module that exists (its schema, e.g. analytics).", ErrorKind.Validation);
    internal static readonly Error UnknownConsumer = new("messaging.unknown-consumer", "That module has no consumer with that name.", ErrorKind.Validation);
    internal static readonly Error NotParked = Error.NotFound("messaging.message-not-parked", "No parked message with that id waits in that queue.");

    public async Task<Result<IReadOnlyList<ParkedMessage>>> ListAsync(string? module, string? consumer, int limit, CancellationToken cancellationToken)
    {
        if (Resolve(module, consumer) is { } error)
        {
            return error;
        }

        var found = new List<ParkedMessage>();
        foreach (var target in _modules.Where(m => module is null || m.Schema == module))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(target.ContextType);
            if (consumer is null)
            {
                found.AddRange(await db.OutboxMessages.AsNoTracking().Where(m => m.ParkedAt != null).OrderBy(m => m.ParkedAt).Take(limit)
                    .Select(m => new ParkedMessage(target.Schema, null, m.Id, m.EventName, m.OccurredAt, m.ParkedAt!.Value, m.Attempts, m.LastError))
                    .ToListAsync(cancellationToken));
            }

            found.AddRange(await db.InboxMessages.AsNoTracking().Where(m => m.ParkedAt != null && (consumer == null || m.Consumer == consumer))
                .OrderBy(m => m.ParkedAt).Take(limit)
                .Select(m => new ParkedMessage(target.Schema, m.Consumer, m.MessageId, m.EventName, m.OccurredAt, m.ParkedAt!.Value, m.Attempts, m.LastError))
                .ToListAsync(cancellationToken));
        }

        return Result.Success<IReadOnlyList<ParkedMessage>>([.. found.OrderBy(m => m.ParkedAt).Take(limit)]);
    }

    /// <summary>Requeues one parked message (<paramref name="messageId"/>) or all of a queue's; <paramref name="consumer"/> null means the relay.</summary>
    public async Task<Result<int>> RequeueAsync(string module, string? consumer, Guid? messageId, CancellationToken cancellationToken)
    {
        if (Resolve(module, consumer) is { } error)
        {
            return error;
        }

        var target = _modules.Single(m => m.Schema == module);
        await using var scope = scopes.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(target.ContextType);
        var now = time.GetUtcNow();
        int requeued;
        if (consumer is null)
        {
            requeued = await db.OutboxMessages
                .Where(m => m.ParkedAt != null && (messageId == null || m.Id == messageId))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ParkedAt, (DateTimeOffset?)null).SetProperty(m => m.Attempts, 0).SetProperty(m => m.NextAttemptAt, now), cancellationToken);
            wakeup.Notify(MessageWakeup.Outbox(module));
        }
        else
        {
            requeued = await db.InboxMessages
                .Where(m => m.Consumer == consumer && m.ParkedAt != null && (messageId == null || m.MessageId == messageId))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ParkedAt, (DateTimeOffset?)null).SetProperty(m => m.Attempts, 0).SetProperty(m => m.NextAttemptAt, now), cancellationToken);
            wakeup.Notify(MessageWakeup.Inbox(consumer));
        }

        return messageId is not null && requeued == 0 ? NotParked : requeued;
    }

    private Error? Resolve(string? module, string? consumer)
    {
        if (module is not null && !_modules.Any(m => m.Schema == module))
        {
            return UnknownModule;
        }

        if (consumer is null)
        {
            return null;
        }

        var contextType = module is null ? null : _modules.Single(m => m.Schema == module).ContextType;
        return _consumers.Any(c => c.Name == consumer && (contextType is null || c.ContextType == contextType)) ? null : UnknownConsumer;
    }
}
