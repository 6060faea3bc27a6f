using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;
using Mediator;

namespace Coo.ArchitectureTests.Fixture.LeakyContracts;

/// <summary>
/// Broken on purpose: a contract that exposes an infrastructure type (<see cref="DatabaseProvider"/>). It also uses
/// Mediator and Coo.Shared.Kernel, which contracts may use and which must not be reported.
/// </summary>
public sealed record GetDatabaseProvider(DatabaseProvider Expected) : IQuery<Result<DatabaseProvider>>;
