using Coo.ArchitectureTests.Discovery;
using Coo.ArchitectureTests.Fixtures.UncomposedHost.Compositions.Names;
using Coo.ArchitectureTests.Fixtures.UncomposedHost.Features.Coos;
using Coo.ArchitectureTests.Fixtures.UnslicedModule;
using Coo.ArchitectureTests.Fixtures.UnslicedModule.Features;
using Coo.ArchitectureTests.Rules;

namespace Coo.ArchitectureTests;

/// <summary>
/// Rule 8: every module owns its endpoints as feature slices (<c>&lt;Module&gt;.Features.&lt;Feature&gt;</c>); the host's API endpoints are compositions only (<c>Coo.Host.Compositions.&lt;Composition&gt;</c>,
/// on the Contracts of two modules or more).
/// </summary>
public class SliceTests
{
    private const string UnslicedModule = "Coo.ArchitectureTests.Fixtures.UnslicedModule";
    private const string UncomposedHost = "Coo.ArchitectureTests.Fixtures.UncomposedHost";

    [Fact]
    public void Module_endpoints_live_in_feature_slices()
    {
        var endpoints = 0;
        foreach (var module in CooAssemblies.Modules)
        {
            var moduleTypes = TypeDependencies.DeclaredTypes(module.Implementation).Except(module.Registrars).ToList();
            endpoints += moduleTypes.Count(t => t.Name.EndsWith("Endpoint", StringComparison.Ordinal));

            Expect.NoViolations(SliceRules.ModuleEndpoints(moduleTypes, module.Name));
        }

        Assert.NotEqual(0, endpoints); // A rule with nothing to look at would pass whatever the code.
    }

    [Fact]
    public void Host_endpoints_are_compositions_of_two_modules_or_more()
    {
        var hostCode = HostRules.HostCode(CooAssemblies.Host);

        Expect.NoViolations(SliceRules.HostEndpoints(hostCode, CooAssemblies.HostName, CooAssemblies.Modules));
    }

    [Fact]
    public void Module_slice_rule_fails_for_fixture_endpoints_outside_a_slice()
    {
        Expect.Violations(
            SliceRules.ModuleEndpoints(TypesUnder(UnslicedModule), UnslicedModule),
            new Violation(typeof(GadgetRoutes).FullName!, $"maps endpoints outside a feature slice ({UnslicedModule}.Features.<Feature>)"),
            new Violation(typeof(GadgetEndpoints).FullName!, $"maps endpoints outside a feature slice ({UnslicedModule}.Features.<Feature>)"));
    }

    [Fact]
    public void Host_composition_rule_fails_for_fixture_endpoints_of_one_module_or_outside_the_compositions()
    {
        var users = CooAssemblies.Modules.Single(m => m.Name.EndsWith(".Users", StringComparison.Ordinal)).Name;

        Expect.Violations(
            SliceRules.HostEndpoints(TypesUnder(UncomposedHost), UncomposedHost, CooAssemblies.Modules),
            new Violation(typeof(NamesEndpoint).FullName!, $"is a composition of 1 module(s) ({users}): an endpoint of one module belongs in its feature slice"),
            new Violation(typeof(CooCountEndpoint).FullName!, $"maps endpoints on module contracts outside {UncomposedHost}.Compositions.<Composition>"));
    }

    private static List<Type> TypesUnder(string ns) =>
        [.. TypeDependencies.DeclaredTypes(typeof(SliceTests).Assembly).Where(t => t.Namespace is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal)))];
}
