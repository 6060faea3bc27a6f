using System.Globalization;
using System.Text.Json.Serialization;
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

        services.AddSerilog((provider, logger) =>
        {
            // The default levels are set in code, so that a host without appsettings.json logs the same;
            // Serilog:MinimumLevel settings read afterwards override them.
            logger.MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection", LogEventLevel.Error);
            logger.ReadFrom.Configuration(configuration).ReadFrom.Services(provider).Enrich.FromLogContext().Enrich.With<TraceLogEnricher>();
            if (configuration.GetValue<bool>("Logging:Json"))
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {CorrelationId} {TraceId} {SpanId} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                    formatProvider: CultureInfo.InvariantCulture);
            }
        });

        services.AddCooInfrastructure(configuration, database);
        services.AddSingleton(new SnowflakeIdGenerator(GeneratorId(configuration, database), TimeProvider.System));
        services.AddCooAuthentication(AuthSettings.From(configuration, database, builder.Environment.IsDevelopment()));
        services.AddSingleton<CursorProtector>();
        services.AddCooAdminPolicy(configuration);
        foreach (var module in CooModules.All)
        {
            module.AddServices(services, configuration, database);
        }

        services.AddMediator((Mediator.MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies =
            [
                typeof(UsersModule), typeof(GetUsersByIds),
                typeof(CoosModule), typeof(CooPostedIntegrationEvent),
                typeof(FollowsModule), typeof(UserFollowedIntegrationEvent),
                typeof(TimelineModule), typeof(GetHomeTimeline),
                typeof(AnalyticsModule),
            ];
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
        });

        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new Int64AsStringConverter());
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.AddCooOpenApi();

        services.AddCooLocalization();
        services.AddCooCaching(configuration);
        services.AddCooRateLimiting(configuration);
        services.AddCooJobs(database);
        services.AddCooTelemetry(configuration);
        services.AddCooMetrics(configuration);
        services.AddCooPublicUrl(configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = BodyLimit.ServerMaximum);
        ReadinessReport.AddCooReadinessReport(services, configuration);
        return builder;
    }

    /// <summary>
    /// Each running instance needs its own id generator number (<c>Ids:GeneratorId</c>): two instances with the same
    /// number could mint the same id. The single-instance embedded mode may leave it out.
    /// </summary>
    private static int GeneratorId(ConfigurationManager configuration, DatabaseSettings database)
    {
        var text = configuration["Ids:GeneratorId"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return database.Provider == DatabaseProvider.Sqlite
                ? 0
                : throw new InvalidConfigurationException(
                    $"Ids:GeneratorId is required when Database:Provider is {database.Provider}: give each instance its own number from 0 to {SnowflakeIdGenerator.MaxGeneratorId}.");
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id <= SnowflakeIdGenerator.MaxGeneratorId
            ? id
            : throw new InvalidConfigurationException($"Ids:GeneratorId '{text}' is not a whole number from 0 to {SnowflakeIdGenerator.MaxGeneratorId}.");
    }
}
