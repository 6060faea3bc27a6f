using System.Reflection;
using Coo.ArchitectureTests.Discovery;
using Coo.ArchitectureTests.Fixture.LeakyContracts;
using Coo.ArchitectureTests.Fixtures;
using Coo.ArchitectureTests.Fixtures.BrokenContracts;
using Coo.ArchitectureTests.Rules;

namespace Coo.ArchitectureTests;

/// <summary>
/// Rule 2: Contracts depend only on the BCL, Mediator.Abstractions and Coo.Shared.Kernel; their types are public sealed
/// records or interfaces; their integration events are immutable records named *IntegrationEvent.
/// </summary>
public class ContractsTests
{
    /// <summary>Fixture: a Contracts assembly that also depends on Coo.Shared.Infrastructure.</summary>
    private static readonly Assembly LeakyContracts = typeof(GetDatabaseProvider).Assembly;

    private static IReadOnlyList<Assembly> Contracts => [.. CooAssemblies.Modules.Select(m => m.Contracts).OfType<Assembly>()];

    private static IReadOnlyList<Type> ContractTypes => [.. Contracts.SelectMany(TypeDependencies.DeclaredTypes)];

    private static IReadOnlyList<Type> BrokenContractTypes => FixtureTypes.In(typeof(GetGadgets).Namespace);

    [Fact]
    public void Contracts_assemblies_reference_only_the_BCL_Mediator_and_the_kernel()
    {
        Assert.NotEmpty(Contracts);
        Expect.NoViolations(ContractRules.AssemblyReferences(Contracts));
    }

    [Fact]
    public void Contracts_projects_reference_only_the_kernel_and_Mediator_Abstractions_even_unused()
    {
        Expect.NoViolations(ContractRules.ProjectReferences(ProjectGraph.Current, [.. CooAssemblies.Modules.Select(m => m.ContractsName).Where(ProjectGraph.Current.Contains)]));
    }

    [Fact]
    public void Contracts_types_are_public_and_sealed_or_interfaces()
    {
        Expect.NoViolations(ContractRules.TypeShapes(ContractTypes));
    }

    [Fact]
    public void Integration_events_are_immutable_records_named_IntegrationEvent()
    {
        Expect.NoViolations(ContractRules.IntegrationEvents(ContractTypes));
    }

    [Fact]
    public void Integration_events_have_distinct_wire_names_of_the_form_module_event_version()
    {
        // A module may also publish an event only it consumes (e.g. to keep its caches in step): names are one namespace.
        var moduleTypes = CooAssemblies.Modules.SelectMany(m => TypeDependencies.DeclaredTypes(m.Implementation));
        Expect.NoViolations(ContractRules.EventNames([.. ContractTypes, .. moduleTypes]));
    }

    [Fact]
    public void Wire_name_rule_fails_for_fixture_events_without_a_name_with_a_malformed_one_or_a_taken_one()
    {
        Expect.Violations(
            ContractRules.EventNames(BrokenContractTypes),
            new Violation(typeof(GadgetPaintedIntegrationEvent).FullName!, "has no [IntegrationEvent] wire name"),
            new Violation(typeof(GadgetLentIntegrationEvent).FullName!, "has the wire name 'Gadget lent', not module.event-name.vN"),
            new Violation(typeof(GadgetReturnedIntegrationEvent).FullName!, "shares the wire name 'gadgets.gadget-created.v1' with " + typeof(GadgetCreatedIntegrationEvent).FullName));
    }

    [Fact]
    public void Assembly_reference_rule_fails_for_a_fixture_contracts_assembly_that_references_infrastructure()
    {
        Expect.Violations(
            ContractRules.AssemblyReferences([LeakyContracts]),
            new Violation(CooAssemblies.NameOf(LeakyContracts), "references Coo.Shared.Infrastructure"));
    }

    [Fact]
    public void Project_reference_rule_fails_for_a_fixture_contracts_project_that_references_infrastructure()
    {
        Expect.Violations(
            ContractRules.ProjectReferences(ProjectGraph.Current, [CooAssemblies.NameOf(LeakyContracts)]),
            new Violation(CooAssemblies.NameOf(LeakyContracts), "has a project reference to Coo.Shared.Infrastructure"));
    }

    [Fact]
    public void Type_shape_rule_fails_for_fixture_contracts_that_are_internal_unsealed_or_static()
    {
        Expect.Violations(
            ContractRules.TypeShapes(BrokenContractTypes),
            new Violation(typeof(HiddenRequest).FullName!, "is not public"),
            new Violation(typeof(OpenRequest).FullName!, "is neither an interface nor a sealed, non-static type"),
            new Violation(typeof(GadgetRoutes).FullName!, "is neither an interface nor a sealed, non-static type"));
    }

    [Fact]
    public void Integration_event_rule_fails_for_fixture_events_that_are_misnamed_mutable_or_not_records()
    {
        Expect.Violations(
            ContractRules.IntegrationEvents(BrokenContractTypes),
            new Violation(typeof(GadgetDeleted).FullName!, "is an integration event not named *IntegrationEvent"),
            new Violation(typeof(GadgetRenamedIntegrationEvent).FullName!, "has a public setter on Name"),
            new Violation(typeof(GadgetMovedIntegrationEvent).FullName!, "has a writable public field Place"),
            new Violation(typeof(GadgetSoldIntegrationEvent).FullName!, "is an integration event that is not a record"));
    }
}
