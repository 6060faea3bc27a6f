using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Coo.Shared.Infrastructure.Persistence;

public static class DatabaseAvailability
{
    /// <summary>
    /// Whether the database could not be reached (down, restarting, out of connections, or busy past its timeout),
    /// anywhere in the chain (EF Core wraps provider errors): a transient provider error, or SQLite busy or locked.
    /// Such a failure says nothing about the code that met it, so it is answered with 503 and logged in one line.
    /// </summary>
    public static bool IsDatabaseUnavailable(this Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SqliteException { SqliteErrorCode: 5 or 6 } || exception is DbException { IsTransient: true } || IsEndedByPostgreSql(exception))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Npgsql reports a connection that the server ended (a restart, a failover, an administrator's terminate) as an
    /// <see cref="InvalidOperationException"/> on the next use of its transaction or connection ("Transaction is
    /// already completed", "Connection is not open"): EF Core owns Coo's connections and transactions, so nothing
    /// else reaches those states.
    /// </summary>
    private static bool IsEndedByPostgreSql(Exception exception) =>
        exception is InvalidOperationException && exception.TargetSite?.DeclaringType?.Assembly == typeof(NpgsqlConnection).Assembly;
}
