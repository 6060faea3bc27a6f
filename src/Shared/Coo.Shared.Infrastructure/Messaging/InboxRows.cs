using System.Data.Common;
using System.Text;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>
/// Adds rows to a module's inbox in one statement per chunk, leaving out those it holds already (a relay whose lease
/// ran out may have added some): no read first and no change tracking, which made up a third of what a post allocated.
/// Each value goes through its column's own type mapping, so SQLite stores dates as every query of the module reads them.
/// </summary>
internal static class InboxRows
{
    /// <summary>SQL Server takes at most 2,100 parameters in a statement.</summary>
    private const int MaxParameters = 2000;

    public static async Task AddMissingAsync(ModuleDbContext db, IReadOnlyList<InboxMessage> rows, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(InboxMessage)) ?? throw new InvalidOperationException($"{nameof(InboxMessage)} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var key = entity.FindPrimaryKey()!.Properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)).ToList();
        var rowsPerStatement = MaxParameters / properties.Count;

        await using var factory = db.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in rows.Chunk(rowsPerStatement))
        {
            var parameters = new List<DbParameter>(chunk.Length * properties.Count);
            var values = new StringBuilder();
            foreach (var row in chunk)
            {
                values.Append(values.Length == 0 ? "(" : ", (");
                foreach (var property in properties)
                {
                    var name = $"p{parameters.Count}";
                    parameters.Add(property.GetRelationalTypeMapping().CreateParameter(factory, name, property.GetGetter().GetClrValue(row), property.IsNullable));
                    values.Append(property == properties[0] ? "@" : ", @").Append(name);
                }

                values.Append(')');
            }

            var statement = db.Database.IsSqlServer()
                ? $"""
                   INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns})
                   SELECT {columns} FROM (VALUES {values}) AS v ({columns})
                   WHERE NOT EXISTS (SELECT 1 FROM {sql.DelimitIdentifier(table.Name, table.Schema)} AS t WITH (UPDLOCK, HOLDLOCK)
                     WHERE {string.Join(" AND ", key.Select(k => $"t.{k} = v.{k}"))})
                   """
                : $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) VALUES {values} ON CONFLICT DO NOTHING";
#pragma warning disable EF1002 // Only names from the model are interpolated; values are parameters.
            await db.Database.ExecuteSqlRawAsync(statement, parameters, cancellationToken);
#pragma warning restore EF1002
        }
    }
}
