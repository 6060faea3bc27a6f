using Coo.Shared.Infrastructure.Web;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Errors that the pipeline raises before a Mastodon endpoint runs (401 without a valid token, 429, 503 while a
/// dependency is down, 500) in Mastodon's shape, <c>{"error": "..."}</c>, instead of Coo's problem details: Mastodon
/// clients read only that. Registered ahead of the default writer, it answers only for endpoints marked with
/// <see cref="MastodonErrors"/>: the Mastodon API's, and the OAuth module's <c>POST /api/v1/apps</c>.
/// </summary>
internal sealed class MastodonErrorWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => MastodonErrors.Apply(context.HttpContext);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var message = problem.Status switch
        {
            StatusCodes.Status401Unauthorized => "The access token is invalid",
            StatusCodes.Status403Forbidden => "This action is outside the authorized scopes",
            StatusCodes.Status404NotFound => "Record not found",
            StatusCodes.Status429TooManyRequests => "Too many requests",
            _ => problem.Detail ?? problem.Title ?? "Something went wrong",
        };
        var response = context.HttpContext.Response;
        response.ContentType = "application/json; charset=utf-8";
        return new ValueTask(response.WriteAsJsonAsync(new MastodonError(message), MastodonJson.Options, response.ContentType));
    }
}
