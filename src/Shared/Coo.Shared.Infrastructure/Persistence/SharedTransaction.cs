using Microsoft.EntityFrameworkCore;

namespace Coo.Shared.Infrastructure.Persistence;

/// <summary>
/// A module's open transaction, offered to the modules it calls while it is open, so that their writes to their own
/// tables commit in the same commit when they live on the same database: one commit for a change that spans modules,
/// and neither part without the other. Each module still writes only its own tables, with its own SQL; a module on a
/// database of its own cannot join and does its part after the commit (<see cref="AfterCommitActions"/>). Scoped: an
/// offer lasts while the owner's call that needs it runs.
/// </summary>
public sealed class SharedTransaction
{
    private ModuleDbContext? _owner;

    /// <summary>Offers <paramref name="owner"/>'s open transaction until the returned offer is disposed.</summary>
    public IDisposable Offer(ModuleDbContext owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (owner.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Only an open transaction can be offered.");
        }

        if (_owner is not null)
        {
            throw new InvalidOperationException("A transaction is offered already.");
        }

        _owner = owner;
        return new Offered(this);
    }

    /// <summary>
    /// Runs a statement of <paramref name="module"/> in the offered transaction, when one is offered on the module's own
    /// database; false when none is, and nothing ran.
    /// </summary>
    public async Task<bool> TryExecuteAsync(ModuleDbContext module, string sql, IEnumerable<object> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (_owner is not { } owner
            || owner.Database.CurrentTransaction is null
            || !string.Equals(owner.Database.GetConnectionString(), module.Database.GetConnectionString(), StringComparison.Ordinal))
        {
            return false;
        }

#pragma warning disable EF1002 // The joining module's own statement, with its values as parameters.
        await owner.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
#pragma warning restore EF1002
        return true;
    }

    private sealed class Offered(SharedTransaction shared) : IDisposable
    {
        public void Dispose() => shared._owner = null;
    }
}
