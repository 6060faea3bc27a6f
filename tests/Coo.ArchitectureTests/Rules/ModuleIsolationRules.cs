using System.Reflection;
using Coo.ArchitectureTests.Discovery;

namespace Coo.ArchitectureTests.Rules;

/// <summary>Rule 1: no module's implementation depends on another module's implementation.</summary>
internal static class ModuleIsolationRules
{
    /// <summary>Assembly metadata: exact names. The compiler drops a reference none of whose types are used.</summary>
    public static IReadOnlyList<Violation> AssemblyReferences(IReadOnlyCollection<Assembly> modules)
    {
        var names = modules.Select(CooAssemblies.NameOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return
        [
            .. from module in modules
               let name = CooAssemblies.NameOf(module)
               from reference in module.GetReferencedAssemblies()
               where reference.Name is not null
                     && names.Contains(reference.Name)
                     && !string.Equals(reference.Name, name, StringComparison.OrdinalIgnoreCase)
               select new Violation(name, $"references the implementation assembly of module {reference.Name}"),
        ];
    }

    /// <summary>Project references, used or not, as the build recorded them.</summary>
    public static IReadOnlyList<Violation> ProjectReferences(ProjectGraph graph, IReadOnlyCollection<string> modules)
    {
        var names = modules.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return
        [
            .. from module in modules
               from reference in graph.ProjectReferencesOf(module)
               where names.Contains(reference) && !string.Equals(reference, module, StringComparison.OrdinalIgnoreCase)
               select new Violation(module, $"has a project reference to module implementation {reference}"),
        ];
    }

    /// <summary>Type level, with NetArchTest: which types of a module use which other module's implementation types.</summary>
    public static IReadOnlyList<Violation> TypeUses(IReadOnlyCollection<Assembly> modules)
    {
        var violations = new List<Violation>();
        foreach (var module in modules)
        {
            var subjects = TypeDependencies.DeclaredTypes(module);
            var unreadable = new HashSet<Type>();
            foreach (var other in modules.Where(other => other != module))
            {
                var scan = TypeDependencies.FindUsesOfTypes(subjects, other.GetTypes());
                violations.AddRange(scan.Dependent.Select(type =>
                    new Violation(type.FullName!, $"uses types of module implementation {CooAssemblies.NameOf(other)}")));
                unreadable.UnionWith(scan.Unchecked);
            }

            violations.AddRange(unreadable.Select(TypeDependencies.Unreadable));
        }

        return violations;
    }
}
