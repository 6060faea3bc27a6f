using System.Data.Common;
using Npgsql;

namespace Coo.Shared.Infrastructure.Persistence;

/// <summary>
/// What the modules' contexts add to a PostgreSQL connection string, each unless the string sets it already:
/// <list type="bullet">
/// <item>Npgsql's automatic preparation: a statement a pooled connection has run a few times (a post's inserts, the
/// claims and marks of the queues, the fan-out) is parsed and planned once per connection instead of on every call.
/// Under posting, parsing, analysing and planning fell from 15–20 % of PostgreSQL's CPU to 8–10 % (README, issue 15's
/// seventeenth session). <c>Max Auto Prepare=0</c> turns it off, for a pooler in transaction mode that does not keep
/// prepared statements (PgBouncer before 1.21).</item>
/// <item>No reset when a connection goes back to the pool: the modules keep no session state (their settings and
/// advisory locks last one transaction), so the seven statements Npgsql sends with the next use of a returned connection
/// (<c>DISCARD ALL</c> less the prepared statements) undo nothing; they were 11 of PostgreSQL's 18 statements a post
/// (README, the post path). Hangfire, which listens on its connections, has a pool of its own.</item>
/// </list>
/// </summary>
internal static class PostgreSqlConnectionDefaults
{
    /// <summary>Statements kept prepared per connection, the least recently used closed first: room for every hot one.</summary>
    public const int MaxAutoPrepare = 64;

    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var chosen = given.Keys.Cast<string>().Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var applied = new NpgsqlConnectionStringBuilder(connectionString);
        if (!chosen.Contains("MaxAutoPrepare"))
        {
            applied.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!chosen.Contains("NoResetOnClose"))
        {
            applied.NoResetOnClose = true;
        }

        return chosen.Contains("MaxAutoPrepare") && chosen.Contains("NoResetOnClose") ? connectionString : applied.ConnectionString;
    }
}
