using System.Data.Common;
using System.Text;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>
/// Adds rows to a module's inbox in one statement, leaving out those it holds already (a relay whose lease ran out may
/// have added some): no read first and no change tracking, which made up a third of what a post allocated. Each value
/// goes through its column's own type mapping, so SQLite stores dates as every query of the module reads them.
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
        var (name, columns) = (db.DelimitedTableName<InboxMessage>(), string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))));
        await using var factory = db.Database.GetDbConnection().CreateCommand();
#pragma warning disable EF1002 // Only names from the model are interpolated; values are parameters.
        if (db.Database.IsNpgsql())
        {
            // One array per column, whatever the number of rows: a statement of the same text every time, with a
            // parameter per column rather than per value.
            var arrays = properties.Select((property, i) => ColumnArray(factory, $"p{i}", property, rows)).ToList();
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO {name} ({columns}) SELECT * FROM unnest({string.Join(", ", arrays.Select(a => $"@{a.ParameterName}"))}) ON CONFLICT DO NOTHING",
                arrays,
                cancellationToken);
            return;
        }

        foreach (var chunk in rows.Chunk(MaxParameters / properties.Count))
        {
            var parameters = new List<DbParameter>(chunk.Length * properties.Count);
            var values = new StringBuilder();
            foreach (var row in chunk)
            {
                values.Append(values.Length == 0 ? "(" : ", (");
                foreach (var property in properties)
                {
                    var parameter = $"p{parameters.Count}";
                    parameters.Add(property.GetRelationalTypeMapping().CreateParameter(factory, parameter, property.GetGetter().GetClrValue(row), property.IsNullable));
                    values.Append(property == properties[0] ? "@" : ", @").Append(parameter);
                }

                values.Append(')');
            }

            var statement = db.Database.IsSqlServer()
                ? $"""
                   INSERT INTO {name} ({columns})
                   SELECT {columns} FROM (VALUES {values}) AS v ({columns})
                   WHERE NOT EXISTS (SELECT 1 FROM {name} AS t WITH (UPDLOCK, HOLDLOCK)
                     WHERE {string.Join(" AND ", entity.FindPrimaryKey()!.Properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)).Select(k => $"t.{k} = v.{k}"))})
                   """
                : $"INSERT INTO {name} ({columns}) VALUES {values} ON CONFLICT DO NOTHING";
            await db.Database.ExecuteSqlRawAsync(statement, parameters, cancellationToken);
        }
#pragma warning restore EF1002
    }

    /// <summary>A column's values for all the rows, as an array of the type the column's mapping writes.</summary>
    private static DbParameter ColumnArray(DbCommand factory, string name, IProperty property, IReadOnlyList<InboxMessage> rows)
    {
        var converter = property.GetRelationalTypeMapping().Converter;
        var values = Array.CreateInstance(converter?.ProviderClrType ?? property.ClrType, rows.Count);
        var getter = property.GetGetter();
        for (var i = 0; i < rows.Count; i++)
        {
            var value = getter.GetClrValue(rows[i]);
            values.SetValue(converter is null || value is null ? value : converter.ConvertToProvider(value), i);
        }

        var parameter = factory.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = values;
        return parameter;
    }
}
