using Coo.ArchitectureTests.Discovery;
using Coo.ArchitectureTests.Fixtures;
using Coo.ArchitectureTests.Fixtures.LeakyHost;
using Coo.ArchitectureTests.Rules;
using Coo.Modules.Users;
using Microsoft.Extensions.DependencyInjection.CooArchitectureFixtures;

namespace Coo.ArchitectureTests;

/// <summary>Rule 4: the host reaches a module only through its registrar and its Contracts.</summary>
public class HostTests
{
    [Fact]
    public void The_host_uses_modules_only_through_their_registrars_and_contracts()
    {
        var hostCode = HostRules.HostCode(CooAssemblies.Host);

        Assert.NotEmpty(hostCode);
        Expect.NoViolations(HostRules.ReachIntoModules(hostCode, CooAssemblies.Modules));
    }

    [Fact]
    public void Host_rule_fails_for_fixture_host_code_that_uses_module_internals_even_in_lambdas_and_async_methods()
    {
        var fixtureHostCode = FixtureTypes.In(typeof(PoliteComposition).Namespace).Append(typeof(LeakyServiceCollectionExtensions)).ToList();
        var users = CooAssemblies.NameOf(typeof(UsersModule).Assembly);
        var problem = $"uses {users} beyond its registrar and contracts";

        Expect.Violations(
            HostRules.ReachIntoModules(fixtureHostCode, CooAssemblies.Modules),
            new Violation(typeof(DbContextComposition).FullName!, problem),
            new Violation(typeof(LambdaComposition).FullName!, problem),
            new Violation(typeof(AsyncComposition).FullName!, problem),
            TypeDependencies.Unreadable(typeof(LeakyServiceCollectionExtensions)));
    }
}
