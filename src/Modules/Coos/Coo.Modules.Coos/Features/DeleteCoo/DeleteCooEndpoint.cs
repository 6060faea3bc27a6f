using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Coos.Features.DeleteCoo;

internal static class DeleteCooEndpoint
{
    public static void Map(IEndpointRouteBuilder coos) => coos
        .MapDelete("/{id:long}", async Task<Results<NoContent, ProblemHttpResult>> (
            long id, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            var result = await sender.Send(new Contracts.DeleteCoo(id, http.User.GetUserId()), cancellationToken);
            return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem(http);
        })
        .WithName("DeleteCoo")
        .WithSummary("Delete your own coo")
        .RequireAuthorization()
        .RequireScope(MastodonScopes.WriteStatuses);
}
