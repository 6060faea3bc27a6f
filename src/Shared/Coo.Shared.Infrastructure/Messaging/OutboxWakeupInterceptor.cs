using System.Data.Common;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>Notices outbox rows in a save and wakes the module's dispatcher once they are committed.</summary>
internal sealed class OutboxWakeupInterceptor(MessageWakeup wakeup) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AnnounceIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AnnounceIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Announce(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Announce(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Remember(DbContext? context)
    {
        if (context is ModuleDbContext module
            && module.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            module.HasUnannouncedOutboxMessages = true;
        }
    }

    private void AnnounceIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Announce(context);
        }
    }

    private void Announce(DbContext? context)
    {
        if (context is ModuleDbContext { HasUnannouncedOutboxMessages: true } module)
        {
            module.HasUnannouncedOutboxMessages = false;
            wakeup.Notify(MessageWakeup.Outbox(module.Schema));
        }
    }

    private static void Forget(DbContext? context)
    {
        if (context is ModuleDbContext module)
        {
            module.HasUnannouncedOutboxMessages = false;
        }
    }
}
