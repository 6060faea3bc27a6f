using System.Data.Common;
using System.Text;
using Coo.Shared.Infrastructure.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coo.Shared.Infrastructure.Persistence;

/// <summary>Applies every module's migrations before anything else starts (dispatchers, jobs, the web server).</summary>
public sealed partial class ModuleMigrator(
    IServiceScopeFactory scopes,
    IEnumerable<ModuleDatabase> modules,
    DatabaseSettings database,
    ILogger<ModuleMigrator> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!database.MigrateOnStartup)
        {
            return;
        }

        foreach (var module in modules)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                LogMigrating(module.Schema, pending.Count, database.Provider);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Creates the server databases that do not exist yet (the shared one, and any a module has of its own), before
    /// anything else (the job storage in particular) connects to them; the migrations then fill them. Nothing to do
    /// when migrating at start is turned off.
    /// </summary>
    public static async Task EnsureDatabaseExistsAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        if (!settings.MigrateOnStartup)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var oneModulePerDatabase = services.GetServices<ModuleDatabase>().DistinctBy(m => settings.ConnectionStringFor(m.Schema));
        foreach (var module in oneModulePerDatabase)
        {
            var creator = ((DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType)).GetService<IRelationalDatabaseCreator>();
            if (await creator.ExistsAsync(cancellationToken))
            {
                continue;
            }

            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (DbException)
            {
                // Another instance starting at the same moment may have created it; anything else is a real failure.
                if (!await creator.ExistsAsync(cancellationToken))
                {
                    throw;
                }
            }
        }
    }

    /// <summary>
    /// The SQL that brings a database of the configured provider up to date, for operators who apply changes by hand.
    /// Idempotent on PostgreSQL and SQL Server; EF Core cannot make SQLite scripts idempotent.
    /// </summary>
    public static string GenerateScript(IServiceProvider services)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        var script = new StringBuilder();
        using var scope = services.CreateScope();
        foreach (var module in services.GetServices<ModuleDatabase>())
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            var options = settings.Provider == DatabaseProvider.Sqlite
                ? MigrationsSqlGenerationOptions.Default
                : MigrationsSqlGenerationOptions.Idempotent;
            script.Append("-- Module schema: ").AppendLine(module.Schema);
            script.AppendLine(db.GetService<IMigrator>().GenerateScript(options: options));
        }

        return script.ToString();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Applying {Count} migration(s) to schema {Schema} on {Provider}")]
    private partial void LogMigrating(string schema, int count, DatabaseProvider provider);
}
