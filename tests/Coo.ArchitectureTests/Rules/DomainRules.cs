using System.Reflection;

namespace Coo.ArchitectureTests.Rules;

/// <summary>Rule 5: a module's Domain namespace depends on neither EF Core nor ASP.NET Core.</summary>
internal static class DomainRules
{
    public static readonly IReadOnlyList<string> ForbiddenNamespaces = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore"];

    /// <summary>
    /// The types in <c>{moduleNamespace}.Domain</c> and its sub-namespaces, matched by whole namespace segments
    /// (a string prefix would also take <c>{moduleNamespace}.DomainServices</c>).
    /// </summary>
    public static IReadOnlyList<Type> DomainTypes(Assembly assembly, string moduleNamespace)
    {
        var domain = moduleNamespace + ".Domain";
        return
        [
            .. TypeDependencies.DeclaredTypes(assembly).Where(t =>
                t.Namespace is { } ns && (ns == domain || ns.StartsWith(domain + ".", StringComparison.Ordinal))),
        ];
    }

    public static IReadOnlyList<Violation> FrameworkDependencies(IReadOnlyCollection<Type> domainTypes)
    {
        var violations = new List<Violation>();
        var unreadable = new HashSet<Type>();
        foreach (var forbidden in ForbiddenNamespaces)
        {
            var scan = TypeDependencies.FindUsesOfNamespaces(domainTypes, forbidden);
            violations.AddRange(scan.Dependent.Select(type => new Violation(type.FullName!, $"depends on {forbidden}")));
            unreadable.UnionWith(scan.Unchecked);
        }

        violations.AddRange(unreadable.Select(TypeDependencies.Unreadable));
        return violations;
    }
}
