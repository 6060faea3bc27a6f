using Coo.ArchitectureTests.Discovery;
using Coo.ArchitectureTests.Fixtures.BrokenModule.Domain;
using Coo.ArchitectureTests.Fixtures.BrokenModule.Domain.Events;
using Coo.ArchitectureTests.Rules;

namespace Coo.ArchitectureTests;

/// <summary>Rule 5: a module's Domain namespace depends on neither EF Core nor ASP.NET Core.</summary>
public class DomainTests
{
    /// <summary>The root namespace of the fixture module whose Domain namespace is broken.</summary>
    private const string BrokenModuleNamespace = "Coo.ArchitectureTests.Fixtures.BrokenModule";

    [Fact]
    public void Module_domain_types_depend_on_neither_EF_Core_nor_ASP_NET_Core()
    {
        var domainTypes = CooAssemblies.Modules.SelectMany(m => DomainRules.DomainTypes(m.Implementation, m.Name)).ToList();

        Assert.NotEmpty(domainTypes); // A rule with nothing to look at would pass whatever the code.
        Expect.NoViolations(DomainRules.FrameworkDependencies(domainTypes));
    }

    [Fact]
    public void Domain_rule_fails_for_fixture_domain_types_that_use_EF_Core_or_ASP_NET_Core()
    {
        var domainTypes = DomainRules.DomainTypes(typeof(DomainTests).Assembly, BrokenModuleNamespace);

        Expect.Violations(
            DomainRules.FrameworkDependencies(domainTypes),
            new Violation(typeof(SelfSavingGizmo).FullName!, "depends on Microsoft.EntityFrameworkCore"),
            new Violation(typeof(GizmoRequested).FullName!, "depends on Microsoft.AspNetCore"));
    }
}
