using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Coo.Shared.Infrastructure.Persistence;

/// <summary>
/// Makes every transaction on a SQLite file wait for its turn at the <see cref="SqliteWriteGate"/> before it begins
/// (SQLite transactions here begin IMMEDIATE, taking the write lock), and gives the turn back when it ends however it
/// ends; a statement that writes outside a transaction takes its turn for as long as it runs. Work done while serving a
/// request goes before background work. A writer that waits out the turn's timeout logs who holds it, and since when.
/// </summary>
internal sealed partial class SqliteWriteGateInterceptor(SqliteWriteGate gate) : IDbTransactionInterceptor, IDbCommandInterceptor
{
    /// <summary>As long as SQLite's own busy timeout: past it, the transaction goes on and meets SQLite's lock as before.</summary>
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(10);

    private static readonly HttpContextAccessor Requests = new();
    private readonly ConditionalWeakTable<DbConnection, object> _holding = [];
    private readonly ConditionalWeakTable<DbCommand, object> _writing = [];

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Release(connection);
        if (!await EnterAsync("a transaction", cancellationToken))
        {
            LogWaitedOut(eventData.Context);
            return result;
        }

        // Begun here, so that a begin that fails (cancelled as the turn came) gives the turn back: EF Core raises no
        // event for it, and leaves open the connection it opened for it.
        try
        {
            var transaction = await connection.BeginTransactionAsync(eventData.IsolationLevel, cancellationToken);
            Hold(connection);
            return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
        }
        catch
        {
            gate.Exit();
            throw;
        }
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Release(connection);
        if (!EnterAsync("a transaction", CancellationToken.None).GetAwaiter().GetResult())
        {
            LogWaitedOut(eventData.Context);
            return result;
        }

        try
        {
            var transaction = connection.BeginTransaction(eventData.IsolationLevel);
            Hold(connection);
            return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
        }
        catch
        {
            gate.Exit();
            throw;
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterForStatementAsync(command, eventData, cancellationToken);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnterForStatementAsync(command, eventData, cancellationToken);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await EnterForStatementAsync(command, eventData, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnterForStatementAsync(command, eventData, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        EnterForStatementAsync(command, eventData, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        EnterForStatementAsync(command, eventData, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        ReleaseStatement(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ReleaseStatement(command);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        ReleaseStatement(command);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        ReleaseStatement(command);
        return ValueTask.FromResult(result);
    }

    /// <summary>A statement that returns rows (e.g. <c>UPDATE … RETURNING</c>) has written once the reader is closed.</summary>
    public InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        ReleaseStatement(command);
        return result;
    }

    public ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        ReleaseStatement(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        ReleaseStatement(command);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ReleaseStatement(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseStatement(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => ReleaseStatement(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseStatement(command);
        return Task.CompletedTask;
    }

    /// <summary>Reads (and the connection's pragmas) need no turn; neither does a statement of a transaction, which holds one.</summary>
    private async Task EnterForStatementAsync(DbCommand command, CommandEventData eventData, CancellationToken cancellationToken)
    {
        if (command.Transaction is not null || IsRead(command.CommandText))
        {
            return;
        }

        if (await EnterAsync("a statement", cancellationToken))
        {
            _writing.AddOrUpdate(command, this);
        }
        else
        {
            LogWaitedOut(eventData.Context);
        }
    }

    /// <summary>
    /// Waits for the turn to do <paramref name="what"/>: work for a request goes first and is named by its path,
    /// background work by its span (a consumer, a job).
    /// </summary>
    private Task<bool> EnterAsync(string what, CancellationToken cancellationToken)
    {
        var request = Requests.HttpContext;
        var by = request?.Request.Path.Value ?? Activity.Current?.DisplayName ?? "background work";
        return gate.EnterAsync(request is not null, what, by, TurnTimeout, cancellationToken);
    }

    private void LogWaitedOut(DbContext? context)
    {
        // Asked without throwing: this runs when something is wrong already, and must not add a failure of its own.
        if (((IInfrastructure<IServiceProvider>?)context)?.Instance.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggers)
        {
            LogWaitedOut(loggers.CreateLogger<SqliteWriteGateInterceptor>(), TurnTimeout.TotalSeconds, gate.Holder ?? "no one any more");
        }
    }

    private static bool IsRead(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase);
    }

    private void ReleaseStatement(DbCommand command)
    {
        if (_writing.Remove(command))
        {
            gate.Exit();
        }
    }

    private void Release(DbContext? context)
    {
        if (context is not null)
        {
            Release(context.Database.GetDbConnection());
        }
    }

    /// <summary>
    /// A transaction disposed without commit or rollback raises no event of its own: its turn ends when its connection
    /// closes, or when the next transaction begins on it (a connection has one transaction at a time), whichever comes
    /// first. The close is heard from the connection itself, not from EF Core's close event: a pooled context going
    /// back to its pool closes its connection without that event, and a turn kept past it was never given back.
    /// </summary>
    private void Hold(DbConnection connection)
    {
        _holding.AddOrUpdate(connection, this);
        connection.StateChange += ReleaseOnClose;
    }

    private void ReleaseOnClose(object sender, StateChangeEventArgs change)
    {
        if (change.CurrentState == ConnectionState.Closed)
        {
            Release((DbConnection)sender);
        }
    }

    private void Release(DbConnection connection)
    {
        if (_holding.Remove(connection))
        {
            connection.StateChange -= ReleaseOnClose;
            gate.Exit();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Waited {Seconds} s for the turn to write to the SQLite file, and went on without it; it is held by {Holder}")]
    private static partial void LogWaitedOut(ILogger logger, double seconds, string holder);
}
