namespace Coo.IntegrationTests.Infrastructure;

/// <summary>
/// Tests that start servers or hosts of their own, stop or kill them, or count what happens within a window of time:
/// they run one at a time, after the collections that run side by side (<see cref="ApiCollection"/>, whose hosts share
/// the test PostgreSQL database, and the browser tests on SQLite hosts of their own).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial";
}
