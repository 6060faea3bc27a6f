using Coo.Host.Platform.JobsDashboard;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Jobs;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Security;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;

namespace Coo.Host.Composition;

internal static class JobsSetup
{
    /// <summary>
    /// Hangfire storage follows the database: in memory for the embedded default (nothing that must not be lost
    /// lives only there), the server database otherwise, so that every instance shares one queue.
    /// </summary>
    public static IServiceCollection AddCooJobs(this IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        // A job taken by a host that then dies comes back when this runs out, like the messages it had leased; the
        // storages' defaults (30 and 5 minutes) would leave a killed host's fan-out batches unfinished that long.
        // The live host keeps extending it while the job runs, so a slow job is never taken twice.
        var lease = ValidatedSettings.Read<OutboxOptions>(configuration, OutboxOptions.Section).LeaseDuration;

        // Hangfire's AddHangfire falls back to process-wide statics (JobStorage.Current, JobActivator.Current, the
        // global filters) that the last configured host wins. Registering this host's own first keeps every host in a
        // process (the integration tests run several at once) on its own storage, scope and filters.
        services.AddSingleton(_ => CreateStorage(database, lease));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IJobFilterProvider>(new JobFilterProviderCollection(
            JobFilterProviders.Providers,
            new JobFilterCollection { new CorrelationJobFilter(), new TraceContextJobFilter() }));
        services.AddHangfire(config => config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer();
        services.AddSingleton<DashboardSession>();
        services.AddHostedService<RecurringJobsRegistration>();
        return services;
    }

    private static JobStorage CreateStorage(DatabaseSettings database, TimeSpan lease) => database.Provider switch
    {
        DatabaseProvider.Sqlite => new InMemoryStorage(),
        DatabaseProvider.PostgreSql => new PostgreSqlStorage(
            new NpgsqlConnectionFactory(database.ConnectionString, PostgreSqlStorage(lease)),
            PostgreSqlStorage(lease)),
        DatabaseProvider.SqlServer => new SqlServerStorage(
            database.ConnectionString,
            new SqlServerStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, SlidingInvisibilityTimeout = lease }),
        _ => throw new InvalidOperationException($"No job storage for {database.Provider}."),
    };

    private static PostgreSqlStorageOptions PostgreSqlStorage(TimeSpan lease) => new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,

        // LISTEN/NOTIFY wakes a worker as soon as a fan-out batch is enqueued instead of at the next poll.
        EnableLongPolling = true,
        InvisibilityTimeout = lease,
        UseSlidingInvisibilityTimeout = true,

        // Its locks are rows that a killed host leaves behind: a job whose state it was changing would otherwise wait
        // 10 minutes for the lock before anyone could run it again. Hangfire holds them only for moments.
        DistributedLockTimeout = lease,
    };

    public static void MapCooJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            DashboardTitle = "Coo jobs",
            // Hangfire's default filter (local requests only) is replaced, not kept beside the admin check.
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorization(app.Environment.IsDevelopment(), app.Services.GetRequiredService<DashboardSession>())],
        });

    /// <summary>Schedules the recurring jobs of every module (resolved in a scope: jobs may need scoped services).</summary>
    internal sealed class RecurringJobsRegistration(IRecurringJobManager recurringJobs, IServiceScopeFactory scopes) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            using var scope = scopes.CreateScope();
            foreach (var job in scope.ServiceProvider.GetServices<IRecurringJob>())
            {
                var id = job.Id;
                recurringJobs.AddOrUpdate<RecurringJobRunner>(id, runner => runner.RunAsync(id, CancellationToken.None), job.Schedule);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>
    /// Open in Development; elsewhere only for an administrator, by bearer token or by the dashboard cookie
    /// (<see cref="DashboardSession"/>). A refusal is 401 for a caller without a valid token, 403 for a signed-in non-admin.
    /// </summary>
    private sealed class AdminDashboardAuthorization(bool development, DashboardSession sessions) : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            return development || http.User.IsAdmin() || await sessions.IsValidAsync(http);
        }
    }
}
