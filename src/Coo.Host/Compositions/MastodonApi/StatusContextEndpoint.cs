using Coo.Modules.Coos.Contracts;
using Coo.Shared.Infrastructure.Security;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// A status's Context: the coos it answers, from the first down, and the replies below it in conversation order, the
/// nearest <see cref="GetCooContext.MaxAncestors"/> and <see cref="GetCooContext.MaxDescendants"/>.
/// </summary>
internal static class StatusContextEndpoint
{
    public static void Map(IEndpointRouteBuilder v1) => v1.MapGet("/statuses/{id}/context", GetAsync)
        .AllowAnonymous()
        .RequireScope(MastodonScopes.ReadStatuses);

    private static async Task<IResult> GetAsync(string id, HttpContext http, ISender sender, MastodonStatuses statuses, CancellationToken cancellationToken)
    {
        if (!MastodonIds.TryRead(id, out var cooId) || (await sender.Send(new GetCooContext(cooId, http.User.FindUserId()), cancellationToken)) is not { } context)
        {
            return MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
        }

        return MastodonJson.Ok(new MastodonContext(
            await statuses.OfAsync(context.Ancestors, cancellationToken),
            await statuses.OfAsync(context.Descendants, cancellationToken)));
    }
}

internal sealed record MastodonContext(IReadOnlyList<MastodonStatus> Ancestors, IReadOnlyList<MastodonStatus> Descendants);
