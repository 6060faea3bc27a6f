using System.Reflection;

namespace Coo.IntegrationTests.Infrastructure;

[Collection(SerialCollection.Name)]
public sealed class TestCollectionTests
{
    /// <summary>
    /// Collections run side by side: a class without one would be a collection of its own and run beside the others,
    /// where a reset of the shared database or a stopped server would pull the ground from under them.
    /// </summary>
    [Fact]
    public void Every_test_class_says_which_collection_it_runs_in()
    {
        var unassigned = typeof(TestCollectionTests).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()))
            .Where(t => t.GetCustomAttribute<CollectionAttribute>() is null)
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(unassigned);
    }
}
