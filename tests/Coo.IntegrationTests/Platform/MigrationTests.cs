using Coo.Host.Composition;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Coo.IntegrationTests.Platform;

/// <summary>Every module keeps a migration per provider that matches its model; no database is needed to check.</summary>
[Collection(SerialCollection.Name)]
public sealed class MigrationTests
{
    public static TheoryData<string, DatabaseProvider> ModuleContexts()
    {
        var data = new TheoryData<string, DatabaseProvider>();
        foreach (var type in ProviderContextTypes())
        {
            data.Add(type.FullName!, ProviderOf(type));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModuleContexts))]
    public void The_model_has_no_changes_missing_a_migration(string contextType, DatabaseProvider provider)
    {
        using var context = Create(ProviderContextTypes().Single(t => t.FullName == contextType), provider);

        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(), $"{contextType} has model changes without a migration: run scripts/add-migration.sh");
    }

    [Fact]
    public void Every_module_has_a_context_for_every_provider()
    {
        var modules = CooModules.All.Length;

        Assert.Equal(modules * Enum.GetValues<DatabaseProvider>().Length, ProviderContextTypes().Count());
    }

    [Fact]
    public void The_SQL_Server_migrations_build_an_idempotent_script_into_each_module_schema()
    {
        foreach (var type in ProviderContextTypes().Where(t => ProviderOf(t) == DatabaseProvider.SqlServer))
        {
            using var context = Create(type, DatabaseProvider.SqlServer);
            var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

            Assert.Contains($"CREATE TABLE [{context.Schema}].[outbox_messages]", script, StringComparison.Ordinal);
            Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
            Assert.Equal(context.Schema, context.Model.GetDefaultSchema());
        }
    }

    private static IEnumerable<Type> ProviderContextTypes() =>
        CooModules.All
            .SelectMany(m => m.GetType().Assembly.GetTypes())
            .Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(ModuleDbContext)));

    private static DatabaseProvider ProviderOf(Type contextType) =>
        Enum.GetValues<DatabaseProvider>().Single(p => contextType.Name.StartsWith(p.ToString(), StringComparison.Ordinal));

    private static ModuleDbContext Create(Type contextType, DatabaseProvider provider)
    {
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=:memory:",
            DatabaseProvider.PostgreSql => "Host=localhost;Database=unused",
            _ => "Server=localhost;Database=unused;TrustServerCertificate=true",
        };
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        var schema = contextType.BaseType!.GetField("SchemaName")!.GetValue(null)!.ToString()!;
        ModuleDbContextOptions.Configure(builder, new DatabaseSettings(provider, connectionString, MigrateOnStartup: false), schema);
        return (ModuleDbContext)Activator.CreateInstance(contextType, builder.Options)!;
    }
}
