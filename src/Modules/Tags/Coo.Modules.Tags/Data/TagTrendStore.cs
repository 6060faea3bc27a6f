using Coo.Modules.Tags.Domain;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Tags.Data;

/// <summary>Atomic trend updates: the consumer raising a count and the window job lowering it never lose each other's change.</summary>
internal static class TagTrendStore
{
    public static Task AdjustAsync(TagsDbContext db, string tag, int delta, CancellationToken cancellationToken)
    {
        var table = db.DelimitedTableName<TagTrend>();
        var upsert = db.Database.IsSqlServer()
            ? $"""
              MERGE {table} WITH (HOLDLOCK) AS t USING (SELECT {"{0}"} AS tag) AS n ON t.tag = n.tag
              WHEN MATCHED THEN UPDATE SET people = t.people + {"{1}"}
              WHEN NOT MATCHED THEN INSERT (tag, people) VALUES ({"{0}"}, {"{1}"});
              """
            : $"""
              INSERT INTO {table} (tag, people) VALUES ({"{0}"}, {"{1}"})
              ON CONFLICT (tag) DO UPDATE SET people = {table}.people + excluded.people
              """;
#pragma warning disable EF1002 // Only the table name from the model is interpolated; values are parameters.
        return db.Database.ExecuteSqlRawAsync(upsert, [tag, delta], cancellationToken);
#pragma warning restore EF1002
    }
}
