using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Coo.Shared.Infrastructure.Persistence;

/// <summary>
/// A module's open transaction, offered to the modules it calls while it is open, so that their writes to their own
/// tables commit in the same commit when they live on the same database: one commit for a change that spans modules,
/// and neither part without the other. Each module still writes only its own tables, with its own SQL; a module on a
/// database of its own cannot join and does its part after the commit (<see cref="AfterCommitActions"/>). Scoped: an
/// offer lasts while the owner's call that needs it runs.
/// </summary>
public sealed partial class SharedTransaction
{
    private readonly List<SqlStatement> _joined = [];
    private ModuleDbContext? _owner;

    /// <summary>
    /// Offers <paramref name="owner"/>'s open transaction while <paramref name="calls"/> run, then runs the owner's own
    /// statement and the statements the called modules joined (<see cref="TryJoin"/>) together: one round trip, in the
    /// order given, where each used to be one of its own.
    /// </summary>
    public async Task RunAsync(ModuleDbContext owner, Func<Task> calls, SqlStatement ownStatement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(calls);
        if (owner.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Only an open transaction can be offered.");
        }

        if (_owner is not null)
        {
            throw new InvalidOperationException("A transaction is offered already.");
        }

        _owner = owner;
        List<SqlStatement> statements;
        try
        {
            await calls();
            statements = [ownStatement, .. _joined];
        }
        finally
        {
            _owner = null;
            _joined.Clear();
        }

        var (sql, parameters) = Combine(statements);
#pragma warning disable EF1002 // The modules' own statements, with their values as parameters.
        await owner.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
#pragma warning restore EF1002
    }

    /// <summary>
    /// Leaves a statement of <paramref name="module"/> to run in the offered transaction, when one is offered on the
    /// module's own database; false when none is, and nothing will run.
    /// </summary>
    public bool TryJoin(ModuleDbContext module, SqlStatement statement)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (_owner is not { } owner
            || owner.Database.CurrentTransaction is null
            || !string.Equals(owner.Database.GetConnectionString(), module.Database.GetConnectionString(), StringComparison.Ordinal))
        {
            return false;
        }

        _joined.Add(statement);
        return true;
    }

    /// <summary>The statements as one command, each one's <c>{n}</c> placeholders moved past the parameters before it.</summary>
    internal static (string Sql, object[] Parameters) Combine(IReadOnlyList<SqlStatement> statements)
    {
        var sql = new StringBuilder();
        var parameters = new List<object>();
        foreach (var statement in statements)
        {
            var offset = parameters.Count;
            sql.Append(Placeholder().Replace(statement.Sql.TrimEnd().TrimEnd(';'), match =>
                    string.Create(CultureInfo.InvariantCulture, $"{{{int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) + offset}}}")))
                .Append(";\n");
            parameters.AddRange(statement.Parameters);
        }

        return (sql.ToString(), [.. parameters]);
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>A statement of raw SQL whose values are the parameters <c>{0}</c>, <c>{1}</c>, … (as EF Core's raw SQL takes them).</summary>
public sealed record SqlStatement(string Sql, object[] Parameters);
