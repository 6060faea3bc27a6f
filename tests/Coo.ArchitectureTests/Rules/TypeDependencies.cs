using System.CodeDom.Compiler;
using System.Reflection;
using System.Runtime.CompilerServices;
using NetArchTest.Rules;

namespace Coo.ArchitectureTests.Rules;

/// <summary>The result of a dependency scan: the subjects that have the dependency, and those NetArchTest could not read.</summary>
internal sealed record DependencyScan(IReadOnlyList<Type> Dependent, IReadOnlyList<Type> Unchecked);

/// <summary>
/// Type-level dependency checks with NetArchTest, made exact. NetArchTest matches a dependency name against the
/// namespace and name segments of each type a subject uses, with no assembly; so the targets are passed as full type
/// names, and a name the subject's own assembly also defines (compiler-embedded attributes, anonymous types, helper types
/// of source generators, which every assembly has its own copy of) is left out, as it cannot tell the two apart.
/// </summary>
internal static class TypeDependencies
{
    /// <summary>
    /// The types written in an assembly. Compiler-generated types are left out: closures and async state machines
    /// nested in a type are checked by NetArchTest as part of that type, and the top-level ones (anonymous types,
    /// collection-expression and <c>&lt;PrivateImplementationDetails&gt;</c> helpers) hold no hand-written code.
    /// </summary>
    public static IReadOnlyList<Type> DeclaredTypes(Assembly assembly) =>
        [.. assembly.GetTypes().Where(t => !IsCompilerGenerated(t))];

    /// <summary>Whether the compiler made the type, or a type it is nested in.</summary>
    public static bool IsCompilerGenerated(Type type) =>
        Enclosing(type).Any(t => t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false));

    /// <summary>Whether a source generator emitted the type, or a type it is nested in; <paramref name="tool"/> narrows to one generator.</summary>
    public static bool IsSourceGenerated(Type type, string? tool = null) =>
        Enclosing(type).Any(t => t.GetCustomAttribute<GeneratedCodeAttribute>() is { } generated
                                 && (tool is null || string.Equals(generated.Tool, tool, StringComparison.Ordinal)));

    /// <summary>The subjects that use any of the <paramref name="targets"/>.</summary>
    public static DependencyScan FindUsesOfTypes(IReadOnlyCollection<Type> subjects, IEnumerable<Type> targets)
    {
        var namesInSubjectAssemblies = subjects.Select(t => t.Assembly).Distinct()
            .SelectMany(a => a.GetTypes())
            .Select(t => t.FullName)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var targetNames = targets
            .Where(t => !IsCompilerGenerated(t))
            .Select(t => t.FullName)
            .OfType<string>()
            .Where(name => !namesInSubjectAssemblies.Contains(name))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return Scan(subjects, targetNames);
    }

    /// <summary>The subjects that use any type in the given namespaces or their sub-namespaces.</summary>
    public static DependencyScan FindUsesOfNamespaces(IReadOnlyCollection<Type> subjects, params string[] namespaces) =>
        Scan(subjects, namespaces);

    /// <summary>The violation for a subject NetArchTest could not read.</summary>
    public static Violation Unreadable(Type type) =>
        new(type.FullName!, "cannot be checked: NetArchTest skips types whose names start with System or Microsoft");

    private static DependencyScan Scan(IReadOnlyCollection<Type> subjects, string[] dependencyNames)
    {
        if (subjects.Count == 0)
        {
            return new DependencyScan([], []);
        }

        var types = Types.InAssemblies(subjects.Select(t => t.Assembly).Distinct());
        var readable = types.GetTypes().ToHashSet();
        var dependent = dependencyNames.Length == 0
            ? []
            : types.That().HaveDependencyOnAny(dependencyNames).GetTypes().ToHashSet();

        // NetArchTest never loads a type whose full name starts with "System" or "Microsoft" (its built-in exclusion
        // list), so a hand-written type in, say, namespace Microsoft.Extensions.DependencyInjection would pass every
        // rule unseen. Report such subjects instead; source-generated ones there are not hand-written.
        return new DependencyScan(
            [.. subjects.Where(dependent.Contains)],
            [.. subjects.Where(t => !readable.Contains(t) && !IsSourceGenerated(t))]);
    }

    private static IEnumerable<Type> Enclosing(Type type)
    {
        for (Type? current = type; current is not null; current = current.DeclaringType)
        {
            yield return current;
        }
    }
}
