using System.ComponentModel.DataAnnotations;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Coo.Host.Composition;

/// <summary>Settings of section <c>App</c>.</summary>
internal sealed class AppOptions : IValidatableObject
{
    public const string Section = "App";

    /// <summary>
    /// Where clients reach Coo (scheme, host, port and an optional path prefix), e.g. <c>https://coo.example.org</c>.
    /// Every absolute URL the API emits starts with it; none is built from the request's <c>Host</c> header.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>
    /// Where people write to about this server, as the Mastodon-compatible API's instance description names it; without
    /// it, the postmaster of the public URL's host (every mail domain has one, RFC 5321).
    /// </summary>
    public string? ContactEmail { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ContactEmail is { } email && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            yield return new ValidationResult($"'{email}' is not an email address, such as admin@coo.example.org.", [nameof(ContactEmail)]);
        }

        if (PublicUrl is { } url
            && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0))
        {
            yield return new ValidationResult(
                $"'{url.OriginalString}' is not an absolute http or https URL without query, such as https://coo.example.org.",
                [nameof(PublicUrl)]);
        }
    }
}

/// <summary>
/// ASP.NET Core's root setting <c>AllowedHosts</c> (<c>;</c>-separated), or a default that lets no stranger's host in.
/// Read with <c>App:PublicUrl</c> (given to the constructor), since whether <c>*</c> is safe depends on it.
/// </summary>
internal sealed class AllowedHostsOptions(Uri? publicUrl) : IValidatableObject
{
    /// <summary>At the root of the configuration, like ASP.NET Core's own.</summary>
    public const string Section = "";

    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public string? AllowedHosts { get; set; }

    /// <summary>
    /// The configured hosts; without any, the loopback names, or any host when there is a public URL: then no
    /// response depends on the Host header, so any may come (probes use the pod's address).
    /// </summary>
    public string[] HostsToAllow() => Configured is { Length: > 0 } configured ? configured : publicUrl is null ? LoopbackHosts : ["*"];

    private string[] Configured => AllowedHosts?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (publicUrl is null && Configured.Contains("*"))
        {
            yield return new ValidationResult(
                $"{nameof(AllowedHosts)} '*' accepts any Host header, which would then appear in the API's links: set {AppOptions.Section}:{nameof(AppOptions.PublicUrl)}, or name the hosts.");
        }
    }
}

/// <summary>
/// With <c>App:PublicUrl</c>, every absolute URL starts with it and the <c>Host</c> header is never used. Without it,
/// URLs are built from the request, so only the hosts in <c>AllowedHosts</c> are accepted (by default the loopback
/// names); a request for another <c>Host</c> is a 400 problem before anything reads it.
/// </summary>
internal static class PublicUrlSetup
{
    public static IServiceCollection AddCooPublicUrl(this IServiceCollection services, IConfiguration configuration)
    {
        var app = ValidatedSettings.Read<AppOptions>(configuration, AppOptions.Section);
        var publicUrl = app.PublicUrl;
        services.AddSingleton(app);
        var allowedHosts = ValidatedSettings.Read(configuration, AllowedHostsOptions.Section, new AllowedHostsOptions(publicUrl)).HostsToAllow();
        services.AddSingleton(new PublicBaseUrl(publicUrl));

        // ASP.NET Core's own host filter runs first and answers without a body; UseCooHostFiltering puts the same
        // middleware behind the status-code pages instead, so a refused Host gets problem details like any other 400.
        foreach (var filter in services.Where(d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType?.Name == "HostFilteringStartupFilter").ToList())
        {
            services.Remove(filter);
        }

        services.PostConfigure<HostFilteringOptions>(options =>
        {
            options.AllowedHosts = allowedHosts;
            options.IncludeFailureMessage = false;
        });
        if (publicUrl is not null)
        {
            services.Configure<OpenApiOptions>("v1", options => options.AddDocumentTransformer((document, _, _) =>
            {
                document.Servers = [new OpenApiServer { Url = publicUrl.AbsoluteUri.TrimEnd('/') }];
                return Task.CompletedTask;
            }));
        }

        return services;
    }

    public static WebApplication UseCooHostFiltering(this WebApplication app)
    {
        app.UseHostFiltering();
        return app;
    }
}
