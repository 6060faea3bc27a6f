using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Users.Features.GetProfileLimits;

/// <summary>
/// At most <paramref name="MaxLength"/> user-perceived characters (grapheme clusters) and <paramref name="MaxCodeUnits"/>
/// UTF-16 code units, counted after trimming and NFC composition.
/// </summary>
internal sealed record TextLimits(int MaxLength, int MaxCodeUnits);

/// <summary>How long a display name and a bio may be: the numbers <see cref="ProfileRules"/> enforce.</summary>
internal sealed record ProfileLimitsResponse(TextLimits DisplayName, TextLimits Bio)
{
    public static readonly ProfileLimitsResponse Current = new(
        new TextLimits(ProfileRules.DisplayNameMaxLength, ProfileRules.DisplayNameMaxCodeUnits),
        new TextLimits(ProfileRules.BioMaxLength, ProfileRules.BioMaxCodeUnits));
}

/// <summary>Profile editors show their counters from these, never from a copy; only the signed-in user edits a profile.</summary>
internal static class GetProfileLimitsEndpoint
{
    public static void Map(IEndpointRouteBuilder users) => users
        .MapGet("/me/limits", () => TypedResults.Ok(ProfileLimitsResponse.Current))
        .WithName("GetProfileLimits")
        .WithSummary("How long the signed-in user's display name and bio may be, counted as the server counts them")
        .RequireAuthorization()
        .RequireScope(MastodonScopes.ReadAccounts)
        .RequireRateLimiting(RateLimitPolicies.Reads);
}
