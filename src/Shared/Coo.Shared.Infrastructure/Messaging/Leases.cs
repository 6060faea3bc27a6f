using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>
/// Claims due messages for one worker in a single short statement: a lease (claimed by, claimed until), never a
/// transaction held while delivering. PostgreSQL skips rows another instance is claiming at that moment
/// (<c>FOR UPDATE SKIP LOCKED</c>), SQL Server likewise (<c>UPDLOCK, READPAST</c>); SQLite has one writer.
/// A worker keeps its lease id for as long as it runs: rows it still held when it could not give them back (the
/// database went away mid-batch) are due to it again at once, while any other worker waits for the lease to run out.
/// </summary>
internal static class Leases
{
    public static async Task<List<OutboxMessage>> ClaimOutboxAsync(ModuleDbContext db, Guid lease, DateTimeOffset now, DateTimeOffset until, int batchSize, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            var due = db.OutboxMessages
                .Where(m => m.RelayedAt == null && m.ParkedAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now || m.ClaimedBy == lease))
                .OrderBy(m => m.OccurredAt)
                .Take(batchSize)
                .Select(m => m.Id);
            await db.OutboxMessages.Where(m => due.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, lease).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        }
        else if (db.Database.IsNpgsql())
        {
            var (sql, parameters) = ClaimSql(db, db.DelimitedTableName<OutboxMessage>(), "id", "relayed_at IS NULL", consumer: null, lease, now, until, batchSize);
            return await ClaimReturningAsync(db.OutboxMessages, sql, parameters, m => m.OccurredAt, cancellationToken);
        }
        else
        {
            var (sql, parameters) = ClaimSql(db, db.DelimitedTableName<OutboxMessage>(), "id", "relayed_at IS NULL", consumer: null, lease, now, until, batchSize);
            await ExecuteAsync(db, sql, parameters, cancellationToken);
        }

        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ClaimedBy == lease && m.RelayedAt == null && m.ParkedAt == null)
            .OrderBy(m => m.OccurredAt)
            .ToListAsync(cancellationToken);
    }

    public static async Task<List<InboxMessage>> ClaimInboxAsync(ModuleDbContext db, string consumer, Guid lease, DateTimeOffset now, DateTimeOffset until, int batchSize, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            var due = db.InboxMessages
                .Where(m => m.Consumer == consumer && m.ProcessedAt == null && m.ParkedAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now || m.ClaimedBy == lease))
                .OrderBy(m => m.OccurredAt)
                .Take(batchSize)
                .Select(m => m.MessageId);
            await db.InboxMessages.Where(m => m.Consumer == consumer && due.Contains(m.MessageId))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, lease).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        }
        else if (db.Database.IsNpgsql())
        {
            var (sql, parameters) = ClaimSql(db, db.DelimitedTableName<InboxMessage>(), "message_id, consumer", "processed_at IS NULL", consumer, lease, now, until, batchSize);
            return await ClaimReturningAsync(db.InboxMessages, sql, parameters, m => m.OccurredAt, cancellationToken);
        }
        else
        {
            var (sql, parameters) = ClaimSql(db, db.DelimitedTableName<InboxMessage>(), "message_id, consumer", "processed_at IS NULL", consumer, lease, now, until, batchSize);
            await ExecuteAsync(db, sql, parameters, cancellationToken);
        }

        return await db.InboxMessages.AsNoTracking()
            .Where(m => m.Consumer == consumer && m.ClaimedBy == lease && m.ProcessedAt == null && m.ParkedAt == null)
            .OrderBy(m => m.OccurredAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The statement that leases up to <paramref name="batchSize"/> due rows, oldest first. On PostgreSQL its commit
    /// does not wait for the WAL flush: a claim lost in a database crash only makes its rows due again at once, and
    /// nothing done under it can have committed before it was flushed (the flush of a later commit covers the claim's
    /// earlier WAL too). A commit that waits would be one more that the posts' own commits queue behind.
    /// </summary>
    private static (string Sql, object[] Parameters) ClaimSql(
        ModuleDbContext db, string table, string key, string pending, string? consumer, Guid lease, DateTimeOffset now, DateTimeOffset until, int batchSize)
    {
        var due = $"{pending} AND parked_at IS NULL AND next_attempt_at <= {{2}} AND (claimed_until IS NULL OR claimed_until < {{2}} OR claimed_by = {{0}})"
            + (consumer is null ? "" : " AND consumer = {4}");
        var sql = db.Database.IsNpgsql()
            ? $$"""
               WITH unflushed AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))
               UPDATE {{table}} SET claimed_by = {0}, claimed_until = {1} FROM unflushed
               WHERE ({{key}}) IN (SELECT {{key}} FROM {{table}} WHERE {{due}} ORDER BY occurred_at LIMIT {3} FOR UPDATE SKIP LOCKED)
               RETURNING {{table}}.*
               """
            : $$"""
               WITH due AS (SELECT TOP ({3}) * FROM {{table}} WITH (UPDLOCK, READPAST, ROWLOCK) WHERE {{due}} ORDER BY occurred_at)
               UPDATE due SET claimed_by = {0}, claimed_until = {1}
               """;
        return (sql, consumer is null ? [lease, until, now, batchSize] : [lease, until, now, batchSize, consumer]);
    }

    /// <summary>
    /// PostgreSQL: the claim returns the rows it leased, so a claim is one round trip, not an update and then a read. Held
    /// rows the lease left behind are due to it again, so the claim itself takes them back.
    /// </summary>
    private static async Task<List<T>> ClaimReturningAsync<T>(
        DbSet<T> rows, string sql, object[] parameters, Func<T, DateTimeOffset> occurredAt, CancellationToken cancellationToken)
        where T : class
    {
        var claimed = await rows.FromSqlRaw(sql, parameters).AsNoTracking().ToListAsync(cancellationToken);
        return [.. claimed.OrderBy(occurredAt)];
    }

    private static Task<int> ExecuteAsync(ModuleDbContext db, string sql, object[] parameters, CancellationToken cancellationToken) =>
#pragma warning disable EF1002 // The only interpolated parts are names from the model; values are parameters.
        db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
#pragma warning restore EF1002
}
