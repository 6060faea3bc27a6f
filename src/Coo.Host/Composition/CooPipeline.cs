using Coo.Host.Compositions;
using Coo.Host.Compositions.MastodonApi;
using Coo.Host.Observability;
using Coo.Host.Platform.Bench;
using Coo.Host.Platform.JobsDashboard;
using Coo.Host.Platform.WebClient;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Events;

namespace Coo.Host.Composition;

internal static class CooPipeline
{
    public static WebApplication UseCoo(this WebApplication app)
    {
        app.UseCooForwardedHeaders();
        app.UseCorrelationId();
        app.UseCooLocalization();
        app.UseSerilogRequestLogging(options =>
        {
            // The host's own logger (its levels, sinks and format): left unset, the middleware would write to the
            // static one, which the host does not configure (see Program.cs).
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();

            // Kestrel decodes the path, so %0D%0A would become a real line break in the log: log it escaped.
            options.GetMessageTemplateProperties = (http, _, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(http.Request.Path.ToUriComponent())),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCooHostFiltering();
        app.UseWebClient();
        app.UseRouting();
        app.UseRequestBodyLimits();
        app.UseWebSockets();
        app.UseMastodonStreamingTokens();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOAuthScopes();
        app.UseCooRateLimiting();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = ReadinessReport.WriteAsync,
        });
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", options => options.WithTitle("Coo API"));
        app.MapCooJobsDashboard();
        app.MapCooMetrics();

        var api = app.MapGroup("/api/v1").DescribePipelineProblems();
        foreach (var module in CooModules.All)
        {
            module.MapEndpoints(api);
            module.MapRootEndpoints(app);
        }

        CompositionEndpoints.Map(api);
        DashboardSession.Map(api);
        api.MapGroup("/admin").WithTags("Admin").MapParkedMessages();
        app.MapMastodonApi();
        app.MapBenchCeiling();
        app.MapConsentPage();
        app.MapStaticAssets();

        return app;
    }
}
