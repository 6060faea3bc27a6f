using System.Globalization;
using Coo.Host.Compositions.MastodonApi;
using Coo.Host.Compositions.Streaming;
using Coo.Host.Observability;
using Coo.Modules.Analytics;
using Coo.Modules.Coos;
using Coo.Modules.Coos.Contracts;
using Coo.Modules.Follows;
using Coo.Modules.Follows.Contracts;
using Coo.Modules.Timeline;
using Coo.Modules.Timeline.Contracts;
using Coo.Modules.Users;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure;
using Coo.Shared.Infrastructure.Application;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Coo.Shared.Kernel;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Coo.Host.Composition;

internal static class CooHostBuilder
{
    public static WebApplicationBuilder AddCoo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var database = DatabaseSettings.From(configuration);
        var logging = ValidatedSettings.Read<LoggingOptions>(configuration, LoggingOptions.Section);

        services.AddSerilog((provider, logger) =>
        {
            // The default levels are set in code, so that a host without appsettings.json logs the same;
            // Serilog:MinimumLevel settings read afterwards override them.
            logger.MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)

                // EF Core's own error events repeat, with the whole stack or the SQL, an exception that is logged once
                // where it is handled (the 503 handler, the outbox loops, the request's error); in an outage that is pages
                // per request, and a fresh database's first look for its migrations history is logged as an error.
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Connection", LogEventLevel.Fatal)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Fatal)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Transaction", LogEventLevel.Fatal)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Query", LogEventLevel.Fatal)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Update", LogEventLevel.Fatal)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection", LogEventLevel.Error);
            logger.ReadFrom.Configuration(configuration).ReadFrom.Services(provider).Enrich.FromLogContext().Enrich.With<TraceLogEnricher>();
            if (logging.Json)
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {CorrelationId} {TraceId} {SpanId} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                    formatProvider: CultureInfo.InvariantCulture);
            }
        }, preserveStaticLogger: true);
        CategoryLoggerCache.Decorate(services);

        services.AddCooInfrastructure(configuration, database);
        var generatorId = ValidatedSettings.Read<IdsOptions>(configuration, IdsOptions.Section).GeneratorIdFor(database);
        services.AddSingleton(new SnowflakeIdGenerator(generatorId, TimeProvider.System));
        services.AddCooAuthentication(AuthSettings.From(configuration, database, builder.Environment.IsDevelopment()));
        services.AddSingleton<CursorProtector>();
        services.AddSingleton<ResolvedEvents>();
        services.AddSingleton<ShownEvents>();
        services.AddCooAdminPolicy(configuration);
        foreach (var module in CooModules.All)
        {
            module.AddServices(services, configuration, database);
        }

        database.RequireKnownModules(services.ModuleDatabases().Select(m => m.Schema));

        // Without a list of assemblies the source generator takes every referenced one: a new module's handlers are found.
        services.AddMediator((Mediator.MediatorOptions options) =>
        {
            // Transient, not scoped: a request sends each message once, so keeping its handler and behaviours in the
            // request scope's table only grew that table (its resizes were 8 % of a timeline read's allocations).
            // Handlers still share the request's scoped services (DbContexts) through their constructors.
            options.ServiceLifetime = ServiceLifetime.Transient;
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
        });

        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddCooOpenApi();

        services.AddCooLocalization();
        services.AddCooCaching(configuration);
        services.AddCooRateLimiting(configuration);
        services.AddCooJobs(configuration, database);
        services.AddCooTelemetry(configuration);
        services.AddCooMetrics(configuration);
        services.AddCooPublicUrl(configuration);
        services.AddMastodonApi();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = BodyLimit.ServerMaximum);
        ReadinessReport.AddCooReadinessReport(services, configuration);
        return builder;
    }
}
