using Coo.ArchitectureTests.Discovery;

namespace Coo.ArchitectureTests;

/// <summary>The rules cover every module only if discovery finds every module: these tests keep discovery honest.</summary>
public class ModuleDiscoveryTests
{
    [Fact]
    public void Every_Coo_Modules_implementation_assembly_has_a_public_registrar_so_no_module_escapes_the_rules()
    {
        var withoutRegistrar = CooAssemblies.ModuleImplementationCandidates
            .Where(assembly => CooAssemblies.RegistrarsIn(assembly).Count == 0)
            .Select(CooAssemblies.NameOf);

        Assert.Empty(withoutRegistrar);
    }

    [Fact]
    public void Discovery_finds_every_module_the_host_references()
    {
        var referenced = CooAssemblies.Host.GetReferencedAssemblies()
            .Select(reference => reference.Name)
            .OfType<string>()
            .Where(CooAssemblies.IsModuleImplementationName)
            .ToList();

        Assert.NotEmpty(referenced);
        Assert.Subset(CooAssemblies.Modules.Select(m => m.Name).ToHashSet(), referenced.ToHashSet());
    }

    /// <summary>Contracts hold what other modules use; a module that offers nothing (Analytics) has no Contracts project, never an empty one.</summary>
    [Fact]
    public void A_Contracts_assembly_offers_something()
    {
        Assert.Empty(CooAssemblies.Modules.Where(m => m.Contracts is { } contracts && contracts.GetExportedTypes().Length == 0).Select(m => m.ContractsName));
    }
}
