using Coo.Modules.Coos.Contracts;
using Coo.Modules.Follows.Contracts;
using Coo.Modules.Users.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

// Host endpoints imitated, broken on purpose: the host slice rule must report exactly the types marked "breaks".

namespace Coo.ArchitectureTests.Fixtures.UncomposedHost.Compositions.Profile
{
    /// <summary>Fine: a composition of Users and Follows.</summary>
    internal static class ProfileEndpoint
    {
        public static void Map(IEndpointRouteBuilder api) => api.MapGet("/profiles/{name}", GetAsync);

        private static async Task<FollowStats?> GetAsync(string name, ISender sender)
        {
            var profile = await sender.Send(new GetUserProfile(name));
            return profile is null ? null : await ProfileCounts.OfAsync(sender, profile.Id);
        }
    }

    /// <summary>Fine: the composition's second module is used by a helper in the same folder.</summary>
    internal static class ProfileCounts
    {
        public static async Task<FollowStats> OfAsync(ISender sender, long userId) => await sender.Send(new GetFollowStats(userId, null));
    }
}

namespace Coo.ArchitectureTests.Fixtures.UncomposedHost.Compositions.Names
{
    /// <summary>Breaks: a "composition" of one module, which belongs in that module's feature slice.</summary>
    internal static class NamesEndpoint
    {
        public static void Map(IEndpointRouteBuilder api) =>
            api.MapGet("/names/{name}", (string name, ISender sender) => sender.Send(new GetUserByUsername(name)));
    }
}

namespace Coo.ArchitectureTests.Fixtures.UncomposedHost.Features.Coos
{
    /// <summary>Breaks: a module's endpoint left to the host, outside the compositions.</summary>
    internal static class CooCountEndpoint
    {
        public static void Map(IEndpointRouteBuilder api) =>
            api.MapGet("/coos/count/{authorId:long}", (long authorId, ISender sender) => sender.Send(new GetCooCounts([authorId])));
    }
}

namespace Coo.ArchitectureTests.Fixtures.UncomposedHost.Health
{
    /// <summary>Fine: the host's own endpoint, on no module's contracts.</summary>
    internal static class PingEndpoint
    {
        public static void Map(IEndpointRouteBuilder app) => app.MapGet("/ping", () => "pong");
    }
}
