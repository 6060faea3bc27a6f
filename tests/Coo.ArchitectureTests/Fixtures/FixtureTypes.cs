using Coo.ArchitectureTests.Rules;

namespace Coo.ArchitectureTests.Fixtures;

/// <summary>The fixture types of this assembly, by namespace: each fixture namespace breaks one rule on purpose.</summary>
internal static class FixtureTypes
{
    /// <summary>The types declared in exactly this namespace.</summary>
    public static IReadOnlyList<Type> In(string? ns) =>
        [.. TypeDependencies.DeclaredTypes(typeof(FixtureTypes).Assembly).Where(t => t.Namespace == ns)];
}
