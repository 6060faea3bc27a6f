using Coo.ArchitectureTests.Discovery;
using Coo.ArchitectureTests.Fixtures;
using Coo.ArchitectureTests.Fixtures.BrokenHandlers;
using Coo.ArchitectureTests.Rules;

namespace Coo.ArchitectureTests;

/// <summary>Rule 6: handlers and validators in modules are internal, sealed and named *Handler / *Validator.</summary>
public class HandlerTests
{
    [Fact]
    public void Module_handlers_and_validators_are_internal_sealed_and_named_by_convention()
    {
        var moduleTypes = CooAssemblies.Modules.SelectMany(m => TypeDependencies.DeclaredTypes(m.Implementation)).ToList();

        // A rule with nothing to look at would pass whatever the code.
        Assert.Contains(moduleTypes, t => t.Name.EndsWith("Handler", StringComparison.Ordinal));
        Assert.Contains(moduleTypes, t => t.Name.EndsWith("Validator", StringComparison.Ordinal));
        Expect.NoViolations(HandlerRules.Check(moduleTypes));
    }

    [Fact]
    public void Handler_rule_fails_for_fixture_handlers_and_validators_that_are_public_unsealed_or_misnamed()
    {
        Expect.Violations(
            HandlerRules.Check(FixtureTypes.In(typeof(PaintWidgetHandler).Namespace)),
            new Violation(typeof(CountWidgetsHandler).FullName!, "is a public handler"),
            new Violation(typeof(WidgetPaintedHandler).FullName!, "is an unsealed handler"),
            new Violation(typeof(WidgetPaintedLogger).FullName!, "is a handler not named *Handler"),
            new Violation(typeof(UserProfileUpdatedReaction).FullName!, "is a handler not named *Handler"),
            new Violation(typeof(PaintWidgetRules).FullName!, "is a public validator"),
            new Violation(typeof(PaintWidgetRules).FullName!, "is an unsealed validator"),
            new Violation(typeof(PaintWidgetRules).FullName!, "is a validator not named *Validator"));
    }
}
