using Coo.Modules.Users;
using Coo.Modules.Users.Contracts;
using Coo.Modules.Users.Data;
using Coo.Modules.Users.Domain;
using Coo.Shared.Infrastructure.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.ArchitectureTests.Fixtures.LeakyHost;

// Host code imitated by one namespace, broken on purpose: the host rule must report exactly the types marked "breaks".
// This test assembly sees the Users module's internals (InternalsVisibleTo), as the real host does.

/// <summary>Fine: only the registrar and the contracts.</summary>
internal static class PoliteComposition
{
    public static IModule Registrar() => new UsersModule();

    public static GetUsersByIds Query(long userId) => new([userId]);
}

/// <summary>Breaks: uses the module's DbContext directly.</summary>
internal static class DbContextComposition
{
    public static void Compose(IServiceCollection services) => services.AddScoped<UsersDbContext, SqliteUsersDbContext>();
}

/// <summary>Breaks: uses a module type only in a lambda's body (compiled into a nested, compiler-generated type).</summary>
internal static class LambdaComposition
{
    public static void Compose(IServiceCollection services) =>
        services.AddScoped<object>(provider => provider.GetRequiredService<UsersDbContext>());
}

/// <summary>Breaks: uses a module type only in an async method's body (compiled into a compiler-generated state machine).</summary>
internal static class AsyncComposition
{
    public static async Task<int> CountAsync(IServiceProvider services)
    {
        await Task.Yield();
        return services.GetServices<User>().Count();
    }
}
