using Coo.Modules.Coos.Contracts;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Coos.Features.GetCooLimits;

/// <summary>
/// How long a coo may be, the numbers <see cref="PostCoo.PostCooValidator"/> enforces: at most
/// <paramref name="MaxLength"/> user-perceived characters (grapheme clusters), each link counted as
/// <paramref name="CharactersPerUrl"/> (<see cref="Domain.CooLength"/>), and <paramref name="MaxCodeUnits"/> UTF-16 code
/// units, counted after trimming and NFC composition. Clients show their counters from these, never from a copy.
/// </summary>
internal sealed record CooLimitsResponse(int MaxLength, int MaxCodeUnits, int CharactersPerUrl)
{
    public static readonly CooLimitsResponse Current = new(Domain.Coo.MaxLength, Domain.Coo.MaxCodeUnits, CooLimits.CharactersPerUrl);
}

internal static class GetCooLimitsEndpoint
{
    public static void Map(IEndpointRouteBuilder coos) => coos
        .MapGet("/limits", () => TypedResults.Ok(CooLimitsResponse.Current))
        .WithName("GetCooLimits")
        .WithSummary("How long a coo may be, counted as the server counts it")
        .AllowAnonymous()
        .RequireRateLimiting(RateLimitPolicies.Reads);
}
