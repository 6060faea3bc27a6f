using Coo.Host.Compositions.HomeTimeline;
using Coo.Host.Compositions.Streaming;
using Coo.Host.Compositions.UserProfile;

namespace Coo.Host.Compositions;

/// <summary>
/// The host's only API endpoints: reads composed from several modules' contracts, one folder each. An endpoint that
/// needs one module alone belongs in that module's Features (an architecture test holds both to this).
/// </summary>
internal static class CompositionEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        UserProfileEndpoint.Map(api);
        HomeTimelineEndpoint.Map(api);
        UserStreamEndpoint.Map(api);
    }
}
