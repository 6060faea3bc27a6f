using Coo.Modules.Coos.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using FluentValidation;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Posting a status is posting a coo (or a reply, with <c>in_reply_to_id</c>; with uploaded images, <c>media_ids</c>),
/// through Coo's own command: the same validation, idempotency (Mastodon's <c>Idempotency-Key</c> header is Coo's) and
/// fan-out. What Coo does not have is refused with 422 rather than silently dropped: any visibility but public, content
/// warnings, polls, scheduled posts, quotes.
/// </summary>
internal static class PostStatusEndpoint
{
    public static void Map(IEndpointRouteBuilder v1) => v1.MapPost("/statuses", PostAsync)
        .RequireAuthorization()
        .RequireScope(MastodonScopes.WriteStatuses)
        .RequireRateLimiting(MastodonRateLimits.Posting);

    private static async Task<IResult> PostAsync(HttpContext http, ISender sender, MastodonStatuses statuses, CancellationToken cancellationToken)
    {
        if (await MastodonForm.ReadAsync(http.Request, cancellationToken) is not { } form)
        {
            return MastodonJson.Error(StatusCodes.Status422UnprocessableEntity, "Validation failed: the body must be a form or a JSON object");
        }

        if (Unsupported(form) is { } unsupported)
        {
            return MastodonJson.Error(StatusCodes.Status422UnprocessableEntity, $"Validation failed: {unsupported}");
        }

        long? inReplyTo = null;
        if (form.Text("in_reply_to_id") is { Length: > 0 } replyText)
        {
            if (!MastodonIds.TryRead(replyText, out var parent))
            {
                return MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
            }

            inReplyTo = parent;
        }

        List<long> mediaIds = [];
        foreach (var text in form.Texts("media_ids"))
        {
            if (!MastodonIds.TryRead(text, out var mediaId))
            {
                return MastodonJson.Error(StatusCodes.Status422UnprocessableEntity, "Validation failed: media_ids are not ids");
            }

            mediaIds.Add(mediaId);
        }

        var idempotencyKey = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        try
        {
            var posted = await sender.Send(
                new PostCoo(http.User.GetUserId(), form.Text("status") ?? string.Empty, idempotencyKey, inReplyTo, mediaIds.Count > 0 ? mediaIds : null),
                cancellationToken);
            return posted.IsSuccess
                ? MastodonJson.Ok((await statuses.OfAsync([posted.Value], cancellationToken)).Single())
                : posted.Error!.ToProblem(http);
        }
        catch (ValidationException ex)
        {
            return MastodonJson.Invalid(ex);
        }
    }

    private static string? Unsupported(MastodonForm form)
    {
        if (form.Text("visibility") is { Length: > 0 } visibility && visibility != "public")
        {
            return $"Coo has only public posts, not {visibility} ones";
        }

        if (form.Text("spoiler_text") is { Length: > 0 })
        {
            return "Coo has no content warnings (spoiler_text)";
        }

        if (form.Flag("sensitive"))
        {
            return "Coo has no sensitive media";
        }

        if (form.Has("poll"))
        {
            return "Coo has no polls";
        }

        if (form.Text("scheduled_at") is { Length: > 0 })
        {
            return "Coo has no scheduled posts";
        }

        return form.Text("quoted_status_id") is { Length: > 0 } ? "Coo has no quotes" : null;
    }
}
