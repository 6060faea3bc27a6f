using System.Reflection;
using Coo.Shared.Infrastructure.Modules;

namespace Coo.ArchitectureTests.Discovery;

/// <summary>
/// The solution's assemblies, discovered rather than listed: a module added later is covered without editing the tests.
/// The candidates are the assemblies in the test output (the test project references the host, which references every
/// module) together with those the host's metadata references.
/// </summary>
internal static class CooAssemblies
{
    public const string HostName = "Coo.Host";
    public const string ModulePrefix = "Coo.Modules.";
    public const string SharedPrefix = "Coo.Shared.";
    public const string ContractsSuffix = ".Contracts";

    private static readonly Lazy<Assembly> LazyHost = new(() => Assembly.Load(new AssemblyName(HostName)));
    private static readonly Lazy<IReadOnlyList<Assembly>> LazyModuleCandidates = new(() => Load(IsModuleImplementationName));
    private static readonly Lazy<IReadOnlyList<CooModule>> LazyModules = new(DiscoverModules);
    private static readonly Lazy<IReadOnlyList<Assembly>> LazyShared = new(DiscoverShared);

    public static Assembly Host => LazyHost.Value;

    /// <summary>Every assembly named <c>Coo.Modules.*</c> that is not a Contracts assembly, whether or not it has a registrar.</summary>
    public static IReadOnlyList<Assembly> ModuleImplementationCandidates => LazyModuleCandidates.Value;

    /// <summary>The modules: candidates that contain a public <see cref="IModule"/> implementation. Never empty.</summary>
    public static IReadOnlyList<CooModule> Modules => LazyModules.Value;

    /// <summary>The shared building blocks (<c>Coo.Shared.*</c>). Never empty.</summary>
    public static IReadOnlyList<Assembly> Shared => LazyShared.Value;

    /// <summary>The names of every module assembly, implementation and Contracts.</summary>
    public static IReadOnlySet<string> ModuleAssemblyNames() =>
        Modules.SelectMany(m => new[] { m.Name, m.ContractsName }).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsModuleImplementationName(string name) =>
        name.StartsWith(ModulePrefix, StringComparison.Ordinal) && !name.EndsWith(ContractsSuffix, StringComparison.Ordinal);

    public static string NameOf(Assembly assembly) => assembly.GetName().Name!;

    /// <summary>The public, concrete <see cref="IModule"/> implementations of an assembly: its registrars.</summary>
    public static IReadOnlyList<Type> RegistrarsIn(Assembly assembly) =>
        [.. assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(IModule).IsAssignableFrom(t))];

    private static List<CooModule> DiscoverModules()
    {
        var modules = ModuleImplementationCandidates
            .Select(assembly => (Assembly: assembly, Registrars: RegistrarsIn(assembly)))
            .Where(candidate => candidate.Registrars.Count > 0)
            .Select(candidate => new CooModule(candidate.Assembly, candidate.Registrars, TryLoad(NameOf(candidate.Assembly) + ContractsSuffix)))
            .ToList();
        return modules.Count > 0
            ? modules
            : throw new InvalidOperationException($"No module (a {ModulePrefix}* assembly with a public IModule) found in {AppContext.BaseDirectory}.");
    }

    private static List<Assembly> DiscoverShared()
    {
        var shared = Load(name => name.StartsWith(SharedPrefix, StringComparison.Ordinal));
        return shared.Count > 0
            ? shared
            : throw new InvalidOperationException($"No {SharedPrefix}* assembly found in {AppContext.BaseDirectory}.");
    }

    private static List<Assembly> Load(Func<string, bool> isWanted) =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Concat(Host.GetReferencedAssemblies().Select(reference => reference.Name).OfType<string>())
            .Where(isWanted)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .Select(name => Assembly.Load(new AssemblyName(name)))
            .ToList();

    private static Assembly? TryLoad(string name)
    {
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}

/// <summary>A module: its implementation assembly, its registrar(s) and its Contracts assembly (if it has one).</summary>
internal sealed record CooModule(Assembly Implementation, IReadOnlyList<Type> Registrars, Assembly? Contracts)
{
    public string Name => CooAssemblies.NameOf(Implementation);

    public string ContractsName => Name + CooAssemblies.ContractsSuffix;

    public override string ToString() => Name;
}
