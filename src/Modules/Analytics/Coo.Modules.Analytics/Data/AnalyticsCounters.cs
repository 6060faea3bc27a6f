using Coo.Modules.Analytics.Domain;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Analytics.Data;

/// <summary>
/// Adds to the hourly and daily aggregates. Other modules' dispatchers deliver events concurrently, so a count is
/// raised by one atomic upsert in the database rather than read, changed and written back.
/// The statements join the caller's transaction (the inbox's, or the client-event request's).
/// </summary>
internal sealed class AnalyticsCounters(AnalyticsDbContext db)
{
    /// <summary>Counts <paramref name="amount"/> occurrences of <paramref name="metric"/> at <paramref name="at"/>, and the user as active then.</summary>
    public async Task RecordAsync(string metric, DateTimeOffset at, long? userId, long amount, CancellationToken cancellationToken)
    {
        foreach (var granularity in Buckets.All)
        {
            var bucket = Buckets.StartOf(at, granularity);
            await AddAsync(granularity, bucket, metric, amount, cancellationToken);
            if (userId is { } id)
            {
                await MarkActiveAsync(granularity, bucket, id, cancellationToken);
            }
        }
    }

    private Task<int> AddAsync(Granularity granularity, DateTime bucket, string metric, long amount, CancellationToken cancellationToken)
    {
        var counts = db.DelimitedTableName<MetricCount>();
        var sql = db.Database.IsSqlServer()
            ? $$"""
                MERGE {{counts}} WITH (HOLDLOCK) AS c
                USING (SELECT {0} AS granularity, {1} AS bucket_start, {2} AS metric) AS s
                ON c.granularity = s.granularity AND c.bucket_start = s.bucket_start AND c.metric = s.metric
                WHEN MATCHED THEN UPDATE SET value = c.value + {3}
                WHEN NOT MATCHED THEN INSERT (granularity, bucket_start, metric, value) VALUES (s.granularity, s.bucket_start, s.metric, {3});
                """
            : $$"""
                INSERT INTO {{counts}} AS c (granularity, bucket_start, metric, value) VALUES ({0}, {1}, {2}, {3})
                ON CONFLICT (granularity, bucket_start, metric) DO UPDATE SET value = c.value + excluded.value
                """;
#pragma warning disable EF1002 // Only table names from the model are interpolated; values are parameters.
        return db.Database.ExecuteSqlRawAsync(sql, [granularity.ToString(), bucket, metric, amount], cancellationToken);
#pragma warning restore EF1002
    }

    private Task<int> MarkActiveAsync(Granularity granularity, DateTime bucket, long userId, CancellationToken cancellationToken)
    {
        var active = db.DelimitedTableName<ActiveUser>();
        var sql = db.Database.IsSqlServer()
            ? $$"""
                INSERT INTO {{active}} (granularity, bucket_start, user_id)
                SELECT {0}, {1}, {2}
                WHERE NOT EXISTS (SELECT 1 FROM {{active}} WITH (UPDLOCK, HOLDLOCK)
                                  WHERE granularity = {0} AND bucket_start = {1} AND user_id = {2})
                """
            : $$"""
                INSERT INTO {{active}} (granularity, bucket_start, user_id) VALUES ({0}, {1}, {2})
                ON CONFLICT DO NOTHING
                """;
#pragma warning disable EF1002 // Only table names from the model are interpolated; values are parameters.
        return db.Database.ExecuteSqlRawAsync(sql, [granularity.ToString(), bucket, userId], cancellationToken);
#pragma warning restore EF1002
    }
}
