using System.Reflection;
using Coo.ArchitectureTests.Discovery;
using Coo.ArchitectureTests.Fixture.LeakyShared;
using Coo.ArchitectureTests.Rules;
using Coo.Modules.Users.Contracts;

namespace Coo.ArchitectureTests;

/// <summary>Rule 3: the shared projects reference no module, neither implementation nor contracts.</summary>
public class SharedTests
{
    /// <summary>Fixture: a "shared" building block that uses the Users module's contracts.</summary>
    private static readonly Assembly LeakyShared = typeof(RegisteredUserNames).Assembly;

    private static readonly string UsersContracts = CooAssemblies.NameOf(typeof(UserRegisteredIntegrationEvent).Assembly);

    [Fact]
    public void Shared_assemblies_reference_no_module_assembly()
    {
        Expect.NoViolations(SharedRules.AssemblyReferences(CooAssemblies.Shared, CooAssemblies.ModuleAssemblyNames()));
    }

    [Fact]
    public void Shared_projects_reference_no_module_project_even_unused()
    {
        Expect.NoViolations(SharedRules.ProjectReferences(
            ProjectGraph.Current, [.. CooAssemblies.Shared.Select(CooAssemblies.NameOf)], CooAssemblies.ModuleAssemblyNames()));
    }

    [Fact]
    public void Assembly_reference_rule_fails_for_a_fixture_shared_assembly_that_references_a_modules_contracts()
    {
        Expect.Violations(
            SharedRules.AssemblyReferences([LeakyShared], CooAssemblies.ModuleAssemblyNames()),
            new Violation(CooAssemblies.NameOf(LeakyShared), $"references module assembly {UsersContracts}"));
    }

    [Fact]
    public void Project_reference_rule_fails_for_a_fixture_shared_project_that_references_a_modules_contracts()
    {
        Expect.Violations(
            SharedRules.ProjectReferences(ProjectGraph.Current, [CooAssemblies.NameOf(LeakyShared)], CooAssemblies.ModuleAssemblyNames()),
            new Violation(CooAssemblies.NameOf(LeakyShared), $"has a project reference to module project {UsersContracts}"));
    }
}
