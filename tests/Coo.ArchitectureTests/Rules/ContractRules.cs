using System.Reflection;
using System.Runtime.CompilerServices;
using Coo.ArchitectureTests.Discovery;
using Coo.Shared.Kernel;

namespace Coo.ArchitectureTests.Rules;

/// <summary>
/// Rule 2: a Contracts assembly depends only on the BCL, Mediator.Abstractions and Coo.Shared.Kernel; its types are
/// public and sealed (records) or interfaces; its integration events are immutable records named *IntegrationEvent.
/// </summary>
internal static partial class ContractRules
{
    public const string KernelAssembly = "Coo.Shared.Kernel";

    /// <summary>The assembly that the Mediator.Abstractions package ships.</summary>
    public const string MediatorAssembly = "Mediator";

    public const string MediatorPackage = "Mediator.Abstractions";

    public const string EventSuffix = "IntegrationEvent";

    /// <summary>The shared framework's own folder: an assembly is part of the BCL when it lives there.</summary>
    private static readonly string BclFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    public static IReadOnlyList<Violation> AssemblyReferences(IEnumerable<Assembly> contracts) =>
    [
        .. from assembly in contracts
           from reference in assembly.GetReferencedAssemblies()
           where reference.Name is not { } name
                 || !(name is MediatorAssembly or KernelAssembly || IsBcl(name))
           select new Violation(CooAssemblies.NameOf(assembly), $"references {reference.Name}"),
    ];

    /// <summary>Project and package references, used or not, as the build recorded them.</summary>
    public static IReadOnlyList<Violation> ProjectReferences(ProjectGraph graph, IEnumerable<string> contracts) =>
    [
        .. from project in contracts
           from reference in graph.ProjectReferencesOf(project)
           where !string.Equals(reference, KernelAssembly, StringComparison.OrdinalIgnoreCase)
           select new Violation(project, $"has a project reference to {reference}"),
        .. from project in contracts
           from package in graph.PackageReferencesOf(project)
           where !string.Equals(package, MediatorPackage, StringComparison.OrdinalIgnoreCase)
           select new Violation(project, $"has a package reference to {package}"),
    ];

    /// <summary>Every type is public and either an interface or sealed: a sealed record, typically (not a static class).</summary>
    public static IReadOnlyList<Violation> TypeShapes(IEnumerable<Type> types)
    {
        var violations = new List<Violation>();
        foreach (var type in types)
        {
            if (!type.IsVisible)
            {
                violations.Add(new Violation(type.FullName!, "is not public"));
            }

            if (!type.IsInterface && !(type.IsSealed && !type.IsAbstract))
            {
                violations.Add(new Violation(type.FullName!, "is neither an interface nor a sealed, non-static type"));
            }
        }

        return violations;
    }

    /// <summary>
    /// Every <see cref="IIntegrationEvent"/> is a record named *IntegrationEvent with no public setter except
    /// init-only ones and no public writable field.
    /// </summary>
    public static IReadOnlyList<Violation> IntegrationEvents(IEnumerable<Type> types)
    {
        var violations = new List<Violation>();
        foreach (var type in types.Where(t => !t.IsInterface && typeof(IIntegrationEvent).IsAssignableFrom(t)))
        {
            var name = type.FullName!;
            if (!type.Name.EndsWith(EventSuffix, StringComparison.Ordinal))
            {
                violations.Add(new Violation(name, $"is an integration event not named *{EventSuffix}"));
            }

            if (!IsRecord(type))
            {
                violations.Add(new Violation(name, "is an integration event that is not a record"));
            }

            const BindingFlags everyPublicMember = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static;
            violations.AddRange(type.GetProperties(everyPublicMember)
                .Where(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
                .Select(p => new Violation(name, $"has a public setter on {p.Name}")));
            violations.AddRange(type.GetFields(everyPublicMember)
                .Where(f => !f.IsInitOnly && !f.IsLiteral)
                .Select(f => new Violation(name, $"has a writable public field {f.Name}")));
        }

        return violations;
    }

    /// <summary>Every integration event travels under a stable wire name of its own: <c>module.event-name.vN</c>.</summary>
    public static IReadOnlyList<Violation> EventNames(IEnumerable<Type> types)
    {
        var violations = new List<Violation>();
        var owners = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in types.Where(t => !t.IsInterface && typeof(IIntegrationEvent).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var name = type.GetCustomAttribute<IntegrationEventAttribute>()?.Name;
            if (name is null)
            {
                violations.Add(new Violation(type.FullName!, "has no [IntegrationEvent] wire name"));
            }
            else if (!WireName().IsMatch(name))
            {
                violations.Add(new Violation(type.FullName!, $"has the wire name '{name}', not module.event-name.vN"));
            }
            else if (!owners.TryAdd(name, type))
            {
                violations.Add(new Violation(type.FullName!, $"shares the wire name '{name}' with {owners[name].FullName}"));
            }
        }

        return violations;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*\\.v[1-9][0-9]*$")]
    private static partial System.Text.RegularExpressions.Regex WireName();

    private static bool IsBcl(string assemblyName) => File.Exists(Path.Combine(BclFolder, assemblyName + ".dll"));

    /// <summary>A record class has the compiler's clone method, which no other class can declare.</summary>
    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;

    /// <summary>An init accessor carries the IsExternalInit modifier on its return parameter; a set accessor does not.</summary>
    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == typeof(IsExternalInit).FullName);
}
