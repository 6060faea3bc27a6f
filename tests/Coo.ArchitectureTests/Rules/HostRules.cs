using System.Reflection;
using Coo.ArchitectureTests.Discovery;

namespace Coo.ArchitectureTests.Rules;

/// <summary>Rule 4: the host reaches a module only through its registrar and its Contracts assembly.</summary>
internal static class HostRules
{
    private const string MediatorNamespace = "Mediator";
    private const string MediatorGenerator = "Mediator.SourceGenerator";

    /// <summary>
    /// The host's own code: the types the rule holds to account.
    /// Left out: (1) what Mediator.SourceGenerator emits into the host, i.e. namespace <c>Mediator</c> (the mediator
    /// and its handler wrappers) and the <c>AddMediator</c> extension it puts in Microsoft.Extensions.DependencyInjection.
    /// That code has to name every module's internal handlers to dispatch to them; the modules' InternalsVisibleTo("Coo.Host")
    /// exists for it alone. (2) Compiler-generated types: see <see cref="TypeDependencies.DeclaredTypes"/>; closures and
    /// state machines are still checked, as part of the type whose code they hold.
    /// </summary>
    public static IReadOnlyList<Type> HostCode(Assembly host) =>
        [.. TypeDependencies.DeclaredTypes(host).Where(t => !IsMediatorGenerated(t))];

    /// <summary>The host types that use a module implementation type other than the module's registrar(s).</summary>
    public static IReadOnlyList<Violation> ReachIntoModules(IReadOnlyCollection<Type> hostCode, IEnumerable<CooModule> modules)
    {
        var violations = new List<Violation>();
        var unreadable = new HashSet<Type>();
        foreach (var module in modules)
        {
            var beyondRegistrar = module.Implementation.GetTypes().Except(module.Registrars);
            var scan = TypeDependencies.FindUsesOfTypes(hostCode, beyondRegistrar);
            violations.AddRange(scan.Dependent.Select(type =>
                new Violation(type.FullName!, $"uses {module.Name} beyond its registrar and contracts")));
            unreadable.UnionWith(scan.Unchecked);
        }

        violations.AddRange(unreadable.Select(TypeDependencies.Unreadable));
        return violations;
    }

    private static bool IsMediatorGenerated(Type type) =>
        type.Namespace is { } ns && (ns == MediatorNamespace || ns.StartsWith(MediatorNamespace + ".", StringComparison.Ordinal))
        || TypeDependencies.IsSourceGenerated(type, MediatorGenerator);
}
