using Coo.Modules.Coos.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Coos.Data;

/// <summary>Atomic counter updates: an author posting from two devices at once must not lose a count.</summary>
internal static class AuthorStatsStore
{
    /// <summary><see cref="Adjustment"/> sent on its own, in the caller's transaction (a delete).</summary>
    public static Task AdjustAsync(CoosDbContext db, long authorId, int delta, CancellationToken cancellationToken)
    {
        var adjustment = Adjustment(db, authorId, delta);
#pragma warning disable EF1002 // Only the table name from the model is interpolated; values are parameters.
        return db.Database.ExecuteSqlRawAsync(adjustment.Sql, adjustment.Parameters, cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>
    /// Adds <paramref name="delta"/> to the author's count in one statement, creating the counter with their first
    /// coo: no read before the write. A post sends it together with its other statements.
    /// </summary>
    public static SqlStatement Adjustment(CoosDbContext db, long authorId, int delta)
    {
        var table = db.DelimitedTableName<AuthorStats>();
        var upsert = db.Database.IsSqlServer()
            ? $"""
              MERGE {table} WITH (HOLDLOCK) AS s USING (SELECT {"{0}"} AS author_id) AS n ON s.author_id = n.author_id
              WHEN MATCHED THEN UPDATE SET coos_count = s.coos_count + {"{1}"}
              WHEN NOT MATCHED THEN INSERT (author_id, coos_count) VALUES ({"{0}"}, {"{1}"});
              """
            : $"""
              INSERT INTO {table} (author_id, coos_count) VALUES ({"{0}"}, {"{1}"})
              ON CONFLICT (author_id) DO UPDATE SET coos_count = {table}.coos_count + excluded.coos_count
              """;
        return new SqlStatement(upsert, [authorId, delta]);
    }
}
