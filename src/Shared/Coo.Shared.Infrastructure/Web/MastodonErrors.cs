using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coo.Shared.Infrastructure.Web;

/// <summary>
/// Marks an endpoint that Mastodon clients call: every error it answers, the pipeline's too (401, 413, 415, 429,
/// 503, faults), is Mastodon's <c>{"error": "..."}</c> rather than problem details, since those clients read nothing
/// else. The host's Mastodon error writer honours it.
/// </summary>
public sealed class MastodonErrors
{
    public static readonly MastodonErrors Instance = new();

    private MastodonErrors()
    {
    }

    public static bool Apply(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<MastodonErrors>() is not null;
}

public static class MastodonErrorsEndpointExtensions
{
    public static TBuilder AnswersMastodonErrors<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(MastodonErrors.Instance);
}
