using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

// A module's endpoints imitated, broken on purpose: the slice rule must report exactly the types marked "breaks".

namespace Coo.ArchitectureTests.Fixtures.UnslicedModule.Features.PaintGadget
{
    internal sealed record PaintGadget(string Colour) : ICommand<bool>;

    internal sealed class PaintGadgetHandler : ICommandHandler<PaintGadget, bool>
    {
        public ValueTask<bool> Handle(PaintGadget command, CancellationToken cancellationToken) => ValueTask.FromResult(true);
    }

    /// <summary>Fine: in its slice, next to its handler.</summary>
    internal static class PaintGadgetEndpoint
    {
        public static void Map(IEndpointRouteBuilder gadgets) =>
            gadgets.MapPost("/paint", (string colour, ISender sender) => sender.Send(new PaintGadget(colour)));
    }
}

namespace Coo.ArchitectureTests.Fixtures.UnslicedModule.Features.ListGadgets
{
    /// <summary>Fine: a slice may answer without a handler.</summary>
    internal static class ListGadgetsEndpoint
    {
        public static void Map(IEndpointRouteBuilder gadgets) => gadgets.MapGet("/", () => Array.Empty<string>());
    }
}

namespace Coo.ArchitectureTests.Fixtures.UnslicedModule.Features
{
    /// <summary>Breaks: maps an endpoint in Features itself, not in a slice.</summary>
    internal static class GadgetRoutes
    {
        public static void Map(IEndpointRouteBuilder gadgets) => gadgets.MapDelete("/{id:long}", (long id) => id);
    }
}

namespace Coo.ArchitectureTests.Fixtures.UnslicedModule
{
    /// <summary>Breaks: maps an endpoint at the module's root.</summary>
    internal static class GadgetEndpoints
    {
        public static void Map(IEndpointRouteBuilder api) => api.MapGroup("/gadgets").MapGet("/count", () => 0);
    }
}
