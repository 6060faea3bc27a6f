using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Coo.Host.RateLimiting;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Coo.Host.Composition;

/// <summary>
/// ASP.NET Core's rate limiter with one named policy per kind of request (the platform's <see cref="RateLimitPolicies"/>
/// and those each module declares), limits from <c>RateLimits:*</c>, counters shared through Redis when it is configured. Endpoints opt in with
/// <c>RequireRateLimiting</c>; health, docs and the jobs dashboard are not limited.
/// </summary>
internal static class RateLimitingSetup
{
    /// <summary>The <c>policy</c> of <c>coo.rate_limit.rejections</c> for the per-username sign-in limit.</summary>
    public static readonly string SignInPerUsernamePolicy = $"{RateLimitPolicies.SignIn.Name}-per-username";

    public static IServiceCollection AddCooRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = RateLimitSettings.Read(configuration);
        services.AddSingleton(settings);
        services.AddHttpContextAccessor();
        services.AddSingleton<FailSafeRateLimiterFactory>();
        if (RedisOptions.IsConfigured(configuration))
        {
            services.AddHostedService<RateLimitSharing>(); // One instance alone has nothing to share.
        }

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only the global (per-username sign-in) limiter's refusals come here: each policy answers its own.
            options.OnRejected = (context, cancellationToken) => RejectAsync(context, SignInPerUsernamePolicy, cancellationToken);
        });
        services.AddOptions<RateLimiterOptions>().Configure<FailSafeRateLimiterFactory>((options, limiters) => AddPolicies(options, settings, limiters));
        services.Configure<OpenApiOptions>("v1", options => options.AddOperationTransformer(DocumentRejectionAsync));
        return services.AddTrustedProxies(ForwardedHeadersSettings.Read(configuration));
    }

    /// <summary>First in the pipeline: the client IP every later step sees (logs, limits) is the one the trusted proxy saw.</summary>
    public static WebApplication UseCooForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ForwardedHeadersSettings>().TrustsAnyProxy)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    /// <summary>After authentication: a signed-in caller is limited as a user, not as an IP.</summary>
    public static WebApplication UseCooRateLimiting(this WebApplication app)
    {
        app.Use(SignInUsername.CaptureAsync);
        app.UseRateLimiter();
        return app;
    }

    private static void AddPolicies(RateLimiterOptions options, RateLimitSettings settings, FailSafeRateLimiterFactory limiters)
    {
        foreach (var (name, limits) in settings.Policies)
        {
            options.AddPolicy(name, new ClientPartitionPolicy(name, limits, limiters));
        }

        // The middleware applies the global limiter before the endpoint's policy, and a request must pass both:
        // so a sign-in is limited per client IP (its policy) and per submitted username (here).
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => SignInUsername.Of(http) is { } username
            ? RateLimitPartition.Get($"{RateLimitPolicies.SignIn.Name}:username:{username}", key => limiters.Create(key, settings.SignInPerUsername))
            : RateLimitPartition.GetNoLimiter(""));
    }

    private static IServiceCollection AddTrustedProxies(this IServiceCollection services, ForwardedHeadersSettings proxies)
    {
        services.AddSingleton(proxies);
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    /// <summary>Clients learn from the API document which operations may answer 429, and with which header.</summary>
    private static Task DocumentRejectionAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            // The problem body itself is described with the pipeline's other problems (OpenApiSetup).
            operation.Responses ??= [];
            if (operation.Responses.TryGetValue(StatusCodes.Status429TooManyRequests.ToString(CultureInfo.InvariantCulture), out var response)
                && response is OpenApiResponse rejection)
            {
                rejection.Description = "Too many requests of this kind (problem details); retry after Retry-After seconds.";
                rejection.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader { Description = "Seconds until the quota resets.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
                };
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Counts the refusal under its policy, then answers it.</summary>
    public static ValueTask RejectAsync(OnRejectedContext context, string policy, CancellationToken cancellationToken)
    {
        context.HttpContext.RequestServices.GetRequiredService<CooMetrics>().RateLimitRejected(policy);
        return WriteRejectionAsync(context, cancellationToken);
    }

    /// <summary>429 as RFC 9457 problem details, with the standard <c>Retry-After</c> (seconds).</summary>
    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var texts = http.RequestServices.GetRequiredService<ProblemTexts>();
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = ProblemTypes.For("rate-limited"),
                Title = texts.Title(StatusCodes.Status429TooManyRequests),
                Detail = texts.RateLimitedDetail(seconds),
            },
        });
    }
}
