using Coo.Modules.Coos.Contracts;
using Coo.Modules.Tags.Contracts;
using Coo.Shared.Infrastructure.Security;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// The public statuses with a hashtag, newest first, with Mastodon's paging. Every coo is local and public, so
/// <c>local</c> changes nothing and <c>remote=true</c> answers an empty page, as does <c>only_media=true</c> (Coo keeps
/// no media-only index per tag); a name that is no hashtag has no statuses, as in Mastodon. Coo's tag timelines take one
/// hashtag: <c>any[]</c>, <c>all[]</c> and <c>none[]</c> are refused.
/// </summary>
internal static class TagTimelineEndpoint
{
    private static readonly string[] TagCombinations = ["any[]", "all[]", "none[]"];

    public static void Map(IEndpointRouteBuilder v1) => v1.MapGet("/timelines/tag/{hashtag}", GetAsync)
        .AllowAnonymous()
        .RequireScope(MastodonScopes.ReadStatuses);

    private static async Task<IResult> GetAsync(
        string hashtag, HttpContext http, ISender sender, MastodonStatuses statuses, MastodonUrls urls, CancellationToken cancellationToken)
    {
        if (!MastodonPaging.TryRead(http.Request, out var paging, out var error))
        {
            return error;
        }

        var query = http.Request.Query;
        if (TagCombinations.FirstOrDefault(query.ContainsKey) is { } combination)
        {
            return MastodonJson.Error(StatusCodes.Status422UnprocessableEntity, $"{combination} is not supported: Coo's tag timelines take one hashtag");
        }

        if (Hashtag.Normalize(hashtag) is not { } tag || MastodonForm.IsSet(query["remote"].FirstOrDefault()) || MastodonForm.IsSet(query["only_media"].FirstOrDefault()))
        {
            return MastodonJson.Ok(Array.Empty<MastodonStatus>());
        }

        var ids = await sender.Send(
            new GetTaggedCooIds(tag, paging.MaxId, paging.MinId ?? paging.SinceId, paging.Limit, NearestAfter: paging.MinId is not null), cancellationToken);
        var coos = await sender.Send(new GetCooResponses(ids, http.User.FindUserId()), cancellationToken);
        if (ids.Count > 0)
        {
            MastodonPaging.Link(
                http.Response, $"{urls.Base}/api/v1/timelines/tag/{Uri.EscapeDataString(tag)}", MastodonIds.Of(ids[0]), MastodonIds.Of(ids[^1]), paging.Limit, includeNext: true);
        }

        return MastodonJson.Ok(await statuses.OfAsync(coos, cancellationToken));
    }
}
