using Coo.ArchitectureTests.Discovery;
using Coo.ArchitectureTests.Fixtures.BrokenData;
using Coo.ArchitectureTests.Rules;
using Coo.Shared.Infrastructure.Persistence;

namespace Coo.ArchitectureTests;

/// <summary>
/// Rule 7: every entity of a module's DbContext maps into that module's schema, and no CLR type is mapped by two
/// modules. The models are built as the application configures them, per provider, without a database.
/// </summary>
public class PersistenceTests
{
    [Theory]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.Sqlite)]
    public void Module_entities_map_into_their_module_schema(DatabaseProvider provider)
    {
        Expect.NoViolations(PersistenceRules.SchemaPlacement(ModuleModels(provider)));
    }

    [Theory]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.Sqlite)]
    public void No_CLR_type_or_schema_is_shared_by_two_modules(DatabaseProvider provider)
    {
        Expect.NoViolations(PersistenceRules.CrossModuleMappings(ModuleModels(provider)));
    }

    [Theory]
    [InlineData(DatabaseProvider.PostgreSql, typeof(Gadget))]
    [InlineData(DatabaseProvider.SqlServer, typeof(Gadget))]
    [InlineData(DatabaseProvider.Sqlite, typeof(GadgetCount))]
    public void Schema_rule_fails_for_a_fixture_context_that_maps_outside_its_schema(DatabaseProvider provider, Type escaping)
    {
        var model = ModuleModel.Build(nameof(LeakyDbContext), typeof(LeakyDbContext), provider);

        Expect.ViolationsOn(PersistenceRules.SchemaPlacement([model]), escaping.FullName!);
    }

    [Fact]
    public void Cross_module_rule_fails_for_fixture_modules_that_share_a_CLR_type_or_a_schema()
    {
        // Each fixture context stands for a module of its own; all of them also map the outbox and inbox, by design.
        IReadOnlyCollection<ModuleModel> models =
        [
            .. new[] { typeof(FirstPartsDbContext), typeof(SecondPartsDbContext), typeof(SquatterDbContext) }
                .Select(context => ModuleModel.Build(context.Name, context, DatabaseProvider.PostgreSql)),
        ];

        Expect.ViolationsOn(PersistenceRules.CrossModuleMappings(models), typeof(Part).FullName!, "schema 'first_parts'");
    }

    private static List<ModuleModel> ModuleModels(DatabaseProvider provider)
    {
        var models = CooAssemblies.Modules
            .SelectMany(module => ModuleModel.ContextTypesIn(module.Implementation)
                .Select(context => ModuleModel.Build(module.Name, context, provider)))
            .ToList();
        Assert.NotEmpty(models);
        return models;
    }
}
