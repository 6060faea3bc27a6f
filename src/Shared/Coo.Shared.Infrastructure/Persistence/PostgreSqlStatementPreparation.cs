using System.Data.Common;
using Npgsql;

namespace Coo.Shared.Infrastructure.Persistence;

/// <summary>
/// Npgsql's automatic preparation, on unless the connection string says otherwise: a statement a pooled connection has
/// run a few times (a post's inserts, the claims and marks of the queues, the fan-out) is parsed and planned once per
/// connection instead of on every call. Under posting, parsing, analysing and planning fell from 15–20 % of PostgreSQL's
/// CPU to 8–10 % (README, issue 15's seventeenth session). <c>Max Auto Prepare=0</c> turns it off, for a pooler in
/// transaction mode that does not keep prepared statements (PgBouncer before 1.21).
/// </summary>
internal static class PostgreSqlStatementPreparation
{
    /// <summary>Statements kept prepared per connection, the least recently used closed first: room for every hot one.</summary>
    public const int MaxAutoPrepare = 64;

    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var chosen = given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase));
        return chosen ? connectionString : new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = MaxAutoPrepare }.ConnectionString;
    }
}
