using System.Reflection;
using Coo.ArchitectureTests.Discovery;

namespace Coo.ArchitectureTests.Rules;

/// <summary>Rule 3: the shared building blocks know no module, neither its implementation nor its contracts.</summary>
internal static class SharedRules
{
    public static IReadOnlyList<Violation> AssemblyReferences(IEnumerable<Assembly> shared, IReadOnlySet<string> moduleAssemblies) =>
    [
        .. from assembly in shared
           from reference in assembly.GetReferencedAssemblies()
           where reference.Name is not null && moduleAssemblies.Contains(reference.Name)
           select new Violation(CooAssemblies.NameOf(assembly), $"references module assembly {reference.Name}"),
    ];

    /// <summary>Project references, used or not, as the build recorded them.</summary>
    public static IReadOnlyList<Violation> ProjectReferences(ProjectGraph graph, IEnumerable<string> shared, IReadOnlySet<string> moduleAssemblies) =>
    [
        .. from project in shared
           from reference in graph.ProjectReferencesOf(project)
           where moduleAssemblies.Contains(reference)
           select new Violation(project, $"has a project reference to module project {reference}"),
    ];
}
