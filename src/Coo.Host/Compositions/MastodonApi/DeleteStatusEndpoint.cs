using Coo.Modules.Coos.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Deleting a status deletes the coo, through Coo's own command. The answer is the status as it was, with its
/// <c>text</c> (Mastodon's "delete and redraft" puts it back in the editor); another author's coo is not found.
/// </summary>
internal static class DeleteStatusEndpoint
{
    public static void Map(IEndpointRouteBuilder v1) => v1.MapDelete("/statuses/{id}", DeleteAsync)
        .RequireAuthorization()
        .RequireScope(MastodonScopes.WriteStatuses);

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, ISender sender, MastodonStatuses statuses, CancellationToken cancellationToken)
    {
        var userId = http.User.GetUserId();
        if (!MastodonIds.TryRead(id, out var cooId) || (await sender.Send(new GetCooResponses([cooId], userId), cancellationToken)) is not [var coo])
        {
            return MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
        }

        var deleted = await sender.Send(new DeleteCoo(cooId, userId), cancellationToken);
        if (!deleted.IsSuccess)
        {
            return deleted.Error!.ToProblem(http);
        }

        var status = (await statuses.OfAsync([coo], cancellationToken)).Single();
        return MastodonJson.Ok(status with { Text = coo.Text });
    }
}
