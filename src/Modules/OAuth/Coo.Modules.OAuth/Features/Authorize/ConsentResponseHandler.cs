using System.Text.Json.Serialization;
using Coo.Modules.OAuth.Features.CreateApplication;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Coo.Modules.OAuth.Features.Authorize;

/// <summary>
/// How /oauth/authorize's answer reaches the application. The consent page's POST is a script's call: it gets the
/// address to send the browser to as JSON, and follows it itself. For <c>urn:ietf:wg:oauth:2.0:oob</c>, which no browser
/// can go to, the answer is the code itself (or the error), for the page to show and the user to copy into the app.
/// Everything else (a GET that fails, with a redirect URI to go back to) is redirected by OpenIddict as usual.
/// </summary>
internal sealed class ConsentResponseHandler : IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
{
    public async ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.Transaction.GetHttpRequest()!.HttpContext;
        if (string.IsNullOrEmpty(context.RedirectUri))
        {
            return;
        }

        var parameters = (from parameter in context.Response.GetParameters()
                          let value = (string?)parameter.Value
                          where !string.IsNullOrEmpty(value)
                          select KeyValuePair.Create(parameter.Key, value)).ToList();
        if (string.Equals(context.RedirectUri, CreateApplicationRequest.OutOfBandRedirectUri, StringComparison.Ordinal))
        {
            var answer = context.Response.Code is { } code
                ? new ConsentAnswer(Code: code)
                : new ConsentAnswer(Error: context.Response.Error, ErrorDescription: context.Response.ErrorDescription);
            await WriteAsync(http, answer, answer.Code is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
            context.HandleRequest();
        }
        else if (HttpMethods.IsPost(http.Request.Method) && context.ResponseMode is ResponseModes.Query or ResponseModes.Fragment)
        {
            var location = context.ResponseMode == ResponseModes.Query
                ? QueryHelpers.AddQueryString(context.RedirectUri, parameters)
                : $"{context.RedirectUri}#{QueryString.Create(parameters).ToUriComponent()[1..]}";
            await WriteAsync(http, new ConsentAnswer(RedirectUri: location), StatusCodes.Status200OK);
            context.HandleRequest();
        }
    }

    private static Task WriteAsync(HttpContext http, ConsentAnswer answer, int status)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsJsonAsync(answer, http.RequestAborted);
    }
}

/// <summary>Where the consent page sends the browser next, or the code (or error) it shows for an out-of-band application.</summary>
internal sealed record ConsentAnswer(
    [property: JsonPropertyName("redirect_uri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RedirectUri = null,
    [property: JsonPropertyName("code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code = null,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null,
    [property: JsonPropertyName("error_description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorDescription = null);
