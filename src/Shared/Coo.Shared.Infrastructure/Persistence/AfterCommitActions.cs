using Microsoft.Extensions.Logging;

namespace Coo.Shared.Infrastructure.Persistence;

/// <summary>
/// Work that must see a transaction's changes committed first, such as updating a cache of them: done earlier, a
/// reader could fill the cache from the old data in between. Scoped: the one that owns the transaction runs them.
/// </summary>
public sealed partial class AfterCommitActions(ILogger<AfterCommitActions> logger)
{
    private readonly List<Func<CancellationToken, Task>> _actions = [];

    public void Add(Func<CancellationToken, Task> action) => _actions.Add(action);

    /// <summary>Runs and forgets the actions; one that fails is logged, since the commit they follow stands.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var actions = _actions.ToArray();
        _actions.Clear();
        foreach (var action in actions)
        {
            try
            {
                await action(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogActionFailed(ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "An action after commit failed; the committed change stands")]
    private partial void LogActionFailed(Exception exception);
}
