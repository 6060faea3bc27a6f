using Coo.Modules.Coos.Contracts;
using Coo.Shared.Infrastructure.Security;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>One coo as a Mastodon Status, for anyone (everything on Coo is public); the viewer's reactions when signed in.</summary>
internal static class GetStatusEndpoint
{
    public static void Map(IEndpointRouteBuilder v1) => v1.MapGet("/statuses/{id}", GetAsync).AllowAnonymous().RequireScope(MastodonScopes.ReadStatuses);

    private static async Task<IResult> GetAsync(string id, HttpContext http, ISender sender, MastodonStatuses statuses, CancellationToken cancellationToken)
    {
        if (!MastodonIds.TryRead(id, out var cooId))
        {
            return MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
        }

        var coos = await sender.Send(new GetCooResponses([cooId], http.User.FindUserId()), cancellationToken);
        return (await statuses.OfAsync(coos, cancellationToken)) is [var status]
            ? MastodonJson.Ok(status)
            : MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
    }
}
