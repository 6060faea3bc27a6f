using Coo.Modules.Users;
using Coo.Shared.Infrastructure.Modules;

namespace Coo.ArchitectureTests.Fixture.LeakyModule;

/// <summary>
/// Broken on purpose: this "module" reaches into the Users module's implementation assembly instead of its contracts.
/// </summary>
public static class BorrowedUsersModule
{
    public static IModule Create() => new UsersModule();
}
