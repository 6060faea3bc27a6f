using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coo.Shared.Infrastructure.Persistence;

/// <summary>
/// WAL for concurrent readers, and synchronous=FULL so that a commit acknowledged to a client survives a power loss
/// (WAL's default NORMAL may drop the last commits). busy_timeout lets writers queue instead of failing.
/// </summary>
internal sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
