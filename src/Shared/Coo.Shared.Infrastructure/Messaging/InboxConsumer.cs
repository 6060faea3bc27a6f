using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>One registered consumer of one event type.</summary>
public interface IIntegrationEventConsumer
{
    Type EventType { get; }

    /// <summary>Stable name, part of the inbox key: renaming a handler class would make it see old messages as new.</summary>
    string Name { get; }

    /// <summary>Runs the handler unless the inbox shows it already handled <paramref name="messageId"/>.</summary>
    /// <returns>False when the message had already been consumed.</returns>
    Task<bool> ConsumeAsync(IServiceProvider scopedServices, Guid messageId, IIntegrationEvent integrationEvent, CancellationToken cancellationToken);
}

internal sealed class InboxConsumer<TEvent, THandler, TContext>(TimeProvider time) : IIntegrationEventConsumer
    where TEvent : IIntegrationEvent
    where THandler : IIntegrationEventHandler<TEvent>
    where TContext : ModuleDbContext
{
    public Type EventType => typeof(TEvent);

    public string Name { get; } = typeof(THandler).FullName!;

    public async Task<bool> ConsumeAsync(IServiceProvider scopedServices, Guid messageId, IIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var db = scopedServices.GetRequiredService<TContext>();
        if (await AlreadyConsumedAsync(db, messageId, cancellationToken))
        {
            return false;
        }

        var afterCommit = scopedServices.GetRequiredService<AfterCommitActions>();
        DbUpdateException saveFailure;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                await scopedServices.GetRequiredService<THandler>().HandleAsync((TEvent)integrationEvent, cancellationToken);
                db.InboxMessages.Add(new InboxMessage(messageId, Name, time.GetUtcNow()));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                await afterCommit.RunAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException ex)
            {
                saveFailure = ex;
                afterCommit.Discard();
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        // Another dispatcher consumed the same message at the same moment and won the inbox key: that is success.
        return await AlreadyConsumedAsync(db, messageId, cancellationToken)
            ? false
            : throw new InvalidOperationException($"Consumer {Name} failed to save its change for message {messageId}.", saveFailure);
    }

    private Task<bool> AlreadyConsumedAsync(TContext db, Guid messageId, CancellationToken cancellationToken) =>
        db.InboxMessages.AnyAsync(m => m.MessageId == messageId && m.Consumer == Name, cancellationToken);
}
