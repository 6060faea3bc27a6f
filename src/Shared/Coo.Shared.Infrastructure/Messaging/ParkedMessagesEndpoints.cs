using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Coo.Shared.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Shared.Infrastructure.Messaging;

/// <param name="Module">The module (schema) whose relay or consumer holds the messages.</param>
/// <param name="Consumer">The consumer's queue; omitted for the module's outbox relay.</param>
/// <param name="MessageId">One message; omitted for every parked message of the queue.</param>
public sealed record RequeueParkedMessages(string Module, string? Consumer = null, Guid? MessageId = null);

public sealed record ParkedMessagesResponse(IReadOnlyList<ParkedMessage> Items);

public sealed record RequeuedMessagesResponse(int Requeued);

public static class ParkedMessagesEndpoints
{
    /// <summary>Maps the operators' view of parked messages under the admin group; administrators only.</summary>
    public static void MapParkedMessages(this IEndpointRouteBuilder admin)
    {
        var messages = admin.MapGroup("/messages/parked").RequireAuthorization(AuthorizationPolicies.Admin).RequireRateLimiting(RateLimitPolicies.Reads);

        messages.MapGet("", async Task<Results<Ok<ParkedMessagesResponse>, ProblemHttpResult>> (
                string? module, string? consumer, int? limit, ParkedMessages parked, HttpContext http, CancellationToken cancellationToken) =>
            {
                if (limit is < 1 or > ParkedMessages.MaxListed)
                {
                    return new Error("messaging.invalid-limit", $"limit must be between 1 and {ParkedMessages.MaxListed}.", ErrorKind.Validation).ToProblem(http);
                }

                var result = await parked.ListAsync(module, consumer, limit ?? 50, cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(new ParkedMessagesResponse(result.Value)) : result.Error!.ToProblem(http);
            })
            .WithName("ListParkedMessages")
            .WithSummary("Parked messages per module and consumer (consumer null: the module's outbox relay), oldest first, with their last error (administrators)")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        messages.MapPost("/requeue", async Task<Results<Ok<RequeuedMessagesResponse>, ProblemHttpResult>> (
                RequeueParkedMessages request, ParkedMessages parked, HttpContext http, CancellationToken cancellationToken) =>
            {
                if (string.IsNullOrEmpty(request.Module))
                {
                    return ParkedMessages.UnknownModule.ToProblem(http);
                }

                var result = await parked.RequeueAsync(request.Module, request.Consumer, request.MessageId, cancellationToken);
                return result.IsSuccess ? TypedResults.Ok(new RequeuedMessagesResponse(result.Value)) : result.Error!.ToProblem(http);
            })
            .WithName("RequeueParkedMessages")
            .WithSummary("Requeues one parked message, or all of a consumer's (or a relay's), for another round of attempts (administrators)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
