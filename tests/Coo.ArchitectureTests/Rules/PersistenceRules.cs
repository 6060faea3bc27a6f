using System.Reflection;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Coo.ArchitectureTests.Rules;

/// <summary>The EF Core model of one module DbContext type on one provider.</summary>
internal sealed record ModuleModel(string Module, Type ContextType, string Schema, DatabaseProvider Provider, IModel Model)
{
    /// <summary>Connection strings that are never opened: building a model does not connect.</summary>
    private static readonly Dictionary<DatabaseProvider, string> ConnectionStrings = new()
    {
        [DatabaseProvider.Sqlite] = "Data Source=:memory:",
        [DatabaseProvider.PostgreSql] = "Host=localhost;Database=x",
        [DatabaseProvider.SqlServer] = "Server=localhost;Database=x",
    };

    /// <summary>The concrete <see cref="ModuleDbContext"/> types of an assembly (one per provider, for their own migrations).</summary>
    public static IReadOnlyList<Type> ContextTypesIn(Assembly assembly) =>
        [.. assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && t.IsSubclassOf(typeof(ModuleDbContext)))];

    /// <summary>Builds the model as the application would configure the context, without a database.</summary>
    public static ModuleModel Build(string module, Type contextType, DatabaseProvider provider)
    {
        var settings = new DatabaseSettings(provider, ConnectionStrings[provider], MigrateOnStartup: false);

        // The options take the schema (for the migrations history table), which only the context knows.
        string schema;
        using (var probe = Create(contextType, settings, "unknown"))
        {
            schema = probe.Schema;
        }

        using var context = Create(contextType, settings, schema);
        return new ModuleModel(module, contextType, schema, provider, context.Model);
    }

    private static ModuleDbContext Create(Type contextType, DatabaseSettings settings, string schema)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        var options = ModuleDbContextOptions.Configure(builder, settings, schema).Options;
        return (ModuleDbContext)Activator.CreateInstance(contextType, options)!;
    }
}

/// <summary>
/// Rule 7: every entity of a module's DbContext maps into that module's schema, and no CLR type is mapped by two modules.
/// </summary>
internal static class PersistenceRules
{
    /// <summary>
    /// Building blocks that every module context maps into its own schema by design (ModuleDbContext adds them): each
    /// module has its own outbox and inbox tables, so sharing these CLR types shares no data.
    /// </summary>
    public static readonly IReadOnlySet<Type> PerModuleBuildingBlocks = new HashSet<Type> { typeof(OutboxMessage), typeof(InboxMessage) };

    /// <summary>
    /// On PostgreSQL and SQL Server each table and view is in the context's schema. SQLite has no schemas: there each
    /// table and view is in no schema and its name starts with "{schema}_".
    /// </summary>
    public static IReadOnlyList<Violation> SchemaPlacement(IEnumerable<ModuleModel> models)
    {
        var violations = new List<Violation>();
        foreach (var model in models)
        {
            foreach (var entity in model.Model.GetEntityTypes())
            {
                violations.AddRange(CheckPlacement(model, entity, "table", entity.GetSchema(), entity.GetTableName()));
                violations.AddRange(CheckPlacement(model, entity, "view", entity.GetViewSchema(), entity.GetViewName()));
            }
        }

        return violations;
    }

    /// <summary>No CLR type is mapped by two modules (the per-module building blocks excepted), and no two modules share a schema.</summary>
    public static IReadOnlyList<Violation> CrossModuleMappings(IReadOnlyCollection<ModuleModel> models)
    {
        var sharedTypes =
            from model in models
            from entity in model.Model.GetEntityTypes()
            where !entity.HasSharedClrType && !PerModuleBuildingBlocks.Contains(entity.ClrType)
            group model.Module by entity.ClrType into owners
            let modules = owners.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            where modules.Count > 1
            select new Violation(owners.Key.FullName!, $"is mapped by the DbContexts of modules {string.Join(", ", modules)}");
        var sharedSchemas =
            from model in models
            group model.Module by model.Schema into users
            let modules = users.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            where modules.Count > 1
            select new Violation($"schema '{users.Key}'", $"is the schema of modules {string.Join(", ", modules)}");
        return [.. sharedTypes, .. sharedSchemas];
    }

    private static IEnumerable<Violation> CheckPlacement(ModuleModel model, IEntityType entity, string kind, string? schema, string? name)
    {
        var inModuleSchema = name is null || (model.Provider == DatabaseProvider.Sqlite
            ? schema is null && name.StartsWith(model.Schema + "_", StringComparison.Ordinal)
            : schema == model.Schema);
        if (!inModuleSchema)
        {
            var qualified = schema is null ? name : $"{schema}.{name}";
            yield return new Violation(
                entity.Name,
                $"{model.ContextType.Name} on {model.Provider} maps it to {kind} {qualified}, outside the module's schema '{model.Schema}'");
        }
    }
}
