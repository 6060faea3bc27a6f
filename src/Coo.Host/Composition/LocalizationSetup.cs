using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Localization;

namespace Coo.Host.Composition;

/// <summary>
/// Human-readable API texts (validation messages, problem titles and details) follow the request's
/// <c>Accept-Language</c>, quality values included; a language the API does not speak gets English. Each module keeps
/// its own texts in its <c>Resources</c>.
/// </summary>
internal static class LocalizationSetup
{
    private const string DefaultCulture = "en";
    private static readonly string[] SupportedCultures = [DefaultCulture, "de"];

    public static IServiceCollection AddCooLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        return services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(DefaultCulture)
                .AddSupportedCultures(SupportedCultures)
                .AddSupportedUICultures(SupportedCultures);

            // Only the header: an API has no query-string or cookie language switch to honour.
            options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });
    }

    /// <summary>Before the exception handler, so that validation failures and errors are worded in the request's language.</summary>
    public static WebApplication UseCooLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();

        // The middleware's own Content-Language header is set up front, and the exception handler clears it together
        // with the rest of a failed response (a validation failure, say); set it as the response starts instead.
        app.Use((context, next) =>
        {
            var language = context.Features.GetRequiredFeature<IRequestCultureFeature>().RequestCulture.UICulture.Name;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.ContentLanguage = language;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
