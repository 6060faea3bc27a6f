using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Users.Features.RegisterUser;

internal static class RegisterUserEndpoint
{
    public static void Map(IEndpointRouteBuilder users) => users
        .MapPost("/", async Task<Results<Created<MyProfileResponse>, ProblemHttpResult>> (
            RegisterUser command, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            var result = await sender.Send(command, cancellationToken);
            return result.IsSuccess
                ? TypedResults.Created($"/api/v1/users/{result.Value.Username}", result.Value)
                : result.Error!.ToProblem(http);
        })
        .WithName("RegisterUser")
        .WithSummary("Create an account")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .AllowAnonymous()
        .WithBodyLimit(BodyLimit.Registration)
        .RequireRateLimiting(UsersRateLimits.Registering);
}
