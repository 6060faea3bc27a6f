using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using FluentValidation;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>People as Mastodon's Accounts: the signed-in user's own (with its source), anyone's by id or by username.</summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapGet("/accounts/verify_credentials", VerifyCredentialsAsync).RequireAuthorization().RequireScope(MastodonScopes.ReadAccounts);
        v1.MapPatch("/accounts/update_credentials", UpdateCredentialsAsync).RequireAuthorization().RequireScope(MastodonScopes.WriteAccounts);
        v1.MapGet("/accounts/lookup", LookupAsync).AllowAnonymous().RequireScope(MastodonScopes.ReadAccounts);
        v1.MapGet("/accounts/{id}", GetAsync).AllowAnonymous().RequireScope(MastodonScopes.ReadAccounts);
    }

    private static async Task<IResult> VerifyCredentialsAsync(HttpContext http, MastodonAccounts accounts, CancellationToken cancellationToken)
    {
        var userId = http.User.GetUserId();
        return (await accounts.ByIdAsync([userId], cancellationToken)).TryGetValue(userId, out var me)
            ? MastodonJson.Ok(MastodonCredentialAccount.Of(me.Account, me.Profile.Bio))
            : MastodonJson.Error(StatusCodes.Status401Unauthorized, "The access token is invalid");
    }

    /// <summary>
    /// <c>display_name</c> and <c>note</c> (Coo's bio), through Coo's own profile edit. What Coo does not have is refused
    /// with 422 rather than dropped: locked and bot accounts, profile fields, headers; an avatar is uploaded through
    /// Coo's own API (<c>PUT /api/v1/media/avatar</c>) for now.
    /// </summary>
    private static async Task<IResult> UpdateCredentialsAsync(HttpContext http, ISender sender, MastodonAccounts accounts, CancellationToken cancellationToken)
    {
        if (await MastodonForm.ReadAsync(http.Request, cancellationToken) is not { } form)
        {
            return MastodonJson.Error(StatusCodes.Status422UnprocessableEntity, "Validation failed: the body must be a form or a JSON object");
        }

        // Profile editors send their field rows, empty ones too: only a field with something in it is refused.
        if (form.Flag("locked") || form.Flag("bot") || form.Texts("fields_attributes").Any(value => value.Length > 0) || form.Has("header") || form.Has("avatar"))
        {
            return MastodonJson.Error(
                StatusCodes.Status422UnprocessableEntity,
                "Validation failed: Coo changes only display_name and note here (no locked or bot accounts, profile fields or headers; avatars through PUT /api/v1/media/avatar)");
        }

        var userId = http.User.GetUserId();
        try
        {
            var updated = await sender.Send(new UpdateProfile(userId, form.Text("display_name"), form.Text("note")), cancellationToken);
            if (!updated.IsSuccess)
            {
                return updated.Error!.ToProblem(http);
            }
        }
        catch (ValidationException ex)
        {
            return MastodonJson.Invalid(ex);
        }

        return await VerifyCredentialsAsync(http, accounts, cancellationToken);
    }

    private static async Task<IResult> GetAsync(string id, MastodonAccounts accounts, CancellationToken cancellationToken) =>
        MastodonIds.TryRead(id, out var userId) && (await accounts.ByIdAsync([userId], cancellationToken)).TryGetValue(userId, out var found)
            ? MastodonJson.Ok(found.Account)
            : MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");

    private static async Task<IResult> LookupAsync(string? acct, ISender sender, MastodonAccounts accounts, MastodonUrls urls, CancellationToken cancellationToken)
    {
        var user = MastodonAcct.Username(acct, urls) is { } username ? await sender.Send(new GetUserByUsername(username), cancellationToken) : null;
        return user is not null && (await accounts.ByIdAsync([user.Id], cancellationToken)).TryGetValue(user.Id, out var found)
            ? MastodonJson.Ok(found.Account)
            : MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");
    }
}
