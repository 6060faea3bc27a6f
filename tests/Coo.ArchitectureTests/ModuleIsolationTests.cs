using System.Reflection;
using Coo.ArchitectureTests.Discovery;
using Coo.ArchitectureTests.Fixture.LeakyModule;
using Coo.ArchitectureTests.Rules;
using Coo.Modules.Users;

namespace Coo.ArchitectureTests;

/// <summary>Rule 1: no module's implementation references another module's implementation.</summary>
public class ModuleIsolationTests
{
    /// <summary>Fixture: a "module" that uses the Users module's implementation.</summary>
    private static readonly Assembly LeakyModule = typeof(BorrowedUsersModule).Assembly;

    private static readonly Assembly Users = typeof(UsersModule).Assembly;

    private static IReadOnlyList<Assembly> Implementations => [.. CooAssemblies.Modules.Select(m => m.Implementation)];

    [Fact]
    public void Module_implementation_assemblies_do_not_reference_one_another()
    {
        Expect.NoViolations(ModuleIsolationRules.AssemblyReferences(Implementations));
    }

    [Fact]
    public void Module_implementation_projects_do_not_reference_one_another_even_unused()
    {
        Expect.NoViolations(ModuleIsolationRules.ProjectReferences(ProjectGraph.Current, [.. CooAssemblies.Modules.Select(m => m.Name)]));
    }

    [Fact]
    public void Module_implementation_types_do_not_use_one_another()
    {
        Expect.NoViolations(ModuleIsolationRules.TypeUses(Implementations));
    }

    [Fact]
    public void Assembly_reference_rule_fails_for_a_fixture_module_that_uses_another_modules_implementation()
    {
        Expect.Violations(
            ModuleIsolationRules.AssemblyReferences([LeakyModule, Users]),
            new Violation(CooAssemblies.NameOf(LeakyModule), $"references the implementation assembly of module {CooAssemblies.NameOf(Users)}"));
    }

    [Fact]
    public void Project_reference_rule_fails_for_a_fixture_module_that_uses_another_modules_implementation()
    {
        Expect.Violations(
            ModuleIsolationRules.ProjectReferences(ProjectGraph.Current, [CooAssemblies.NameOf(LeakyModule), CooAssemblies.NameOf(Users)]),
            new Violation(CooAssemblies.NameOf(LeakyModule), $"has a project reference to module implementation {CooAssemblies.NameOf(Users)}"));
    }

    [Fact]
    public void Type_rule_fails_for_a_fixture_module_that_uses_another_modules_implementation()
    {
        Expect.Violations(
            ModuleIsolationRules.TypeUses([LeakyModule, Users]),
            new Violation(typeof(BorrowedUsersModule).FullName!, $"uses types of module implementation {CooAssemblies.NameOf(Users)}"));
    }
}
