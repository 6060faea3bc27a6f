using Coo.ArchitectureTests.Discovery;
using Microsoft.AspNetCore.Builder;

namespace Coo.ArchitectureTests.Rules;

/// <summary>
/// Rule 8: one slice convention. A module's endpoints live in its feature slices (<c>&lt;Module&gt;.Features.&lt;Feature&gt;</c>,
/// with their request, validator and handler); the host maps API endpoints only as compositions
/// (<c>Coo.Host.Compositions.&lt;Composition&gt;</c>), each built on the Contracts of two modules or more.
/// </summary>
internal static class SliceRules
{
    public const string FeaturesSegment = "Features";
    public const string CompositionsSegment = "Compositions";

    /// <summary>What maps a route (MapGet, MapPost, MapGroup, …): a type that uses it maps endpoints.</summary>
    private static readonly Type RouteMapping = typeof(EndpointRouteBuilderExtensions);

    /// <summary>
    /// The types of a module (root namespace <paramref name="moduleNamespace"/>, registrars left out) that map endpoints
    /// outside a feature slice. (A slice may answer without a handler, e.g. with constants its validator also uses.)
    /// </summary>
    public static IReadOnlyList<Violation> ModuleEndpoints(IReadOnlyCollection<Type> moduleTypes, string moduleNamespace)
    {
        var violations = new List<Violation>();
        var scan = TypeDependencies.FindUsesOfTypes(moduleTypes, [RouteMapping]);
        foreach (var endpoint in scan.Dependent)
        {
            var slice = $"{moduleNamespace}.{FeaturesSegment}.";
            if (endpoint.Namespace is not { } ns || !ns.StartsWith(slice, StringComparison.Ordinal) || ns[slice.Length..].Contains('.', StringComparison.Ordinal))
            {
                violations.Add(new Violation(endpoint.FullName!, $"maps endpoints outside a feature slice ({slice}<Feature>)"));
            }
        }

        violations.AddRange(scan.Unchecked.Select(TypeDependencies.Unreadable));
        return violations;
    }

    /// <summary>
    /// The host types (root namespace <paramref name="hostNamespace"/>) that map endpoints on module contracts outside
    /// the compositions namespace, and the compositions that use fewer than two modules' contracts.
    /// </summary>
    public static IReadOnlyList<Violation> HostEndpoints(IReadOnlyCollection<Type> hostTypes, string hostNamespace, IEnumerable<CooModule> modules)
    {
        var violations = new List<Violation>();
        var mapping = TypeDependencies.FindUsesOfTypes(hostTypes, [RouteMapping]);
        var compositions = $"{hostNamespace}.{CompositionsSegment}.";
        var modulesUsedBy = new Dictionary<Type, List<string>>();
        foreach (var module in modules.Where(m => m.Contracts is not null))
        {
            foreach (var user in TypeDependencies.FindUsesOfTypes(hostTypes, TypeDependencies.DeclaredTypes(module.Contracts!)).Dependent)
            {
                (modulesUsedBy.TryGetValue(user, out var used) ? used : modulesUsedBy[user] = []).Add(module.Name);
            }
        }

        foreach (var endpoint in mapping.Dependent)
        {
            var ns = endpoint.Namespace ?? "";
            var isComposition = ns.StartsWith(compositions, StringComparison.Ordinal) && !ns[compositions.Length..].Contains('.', StringComparison.Ordinal);
            if (!isComposition)
            {
                if (modulesUsedBy.ContainsKey(endpoint))
                {
                    violations.Add(new Violation(endpoint.FullName!, $"maps endpoints on module contracts outside {compositions}<Composition>"));
                }

                continue;
            }

            // The composition is its folder: the endpoint and whatever helps it there.
            var composed = hostTypes.Where(t => t.Namespace == ns)
                .SelectMany(t => modulesUsedBy.GetValueOrDefault(t) ?? [])
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (composed.Count < 2)
            {
                violations.Add(new Violation(
                    endpoint.FullName!,
                    $"is a composition of {composed.Count} module(s) ({string.Join(", ", composed)}): an endpoint of one module belongs in its feature slice"));
            }
        }

        violations.AddRange(mapping.Unchecked.Select(TypeDependencies.Unreadable));
        return violations;
    }
}
