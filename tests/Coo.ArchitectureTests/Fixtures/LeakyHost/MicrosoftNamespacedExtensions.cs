using Coo.Modules.Users.Data;

// Broken on purpose: hand-written host code in a Microsoft.* namespace (a common home for AddXxx extensions), which
// NetArchTest never loads. The host rule must report it as unchecked rather than pass it.
namespace Microsoft.Extensions.DependencyInjection.CooArchitectureFixtures;

internal static class LeakyServiceCollectionExtensions
{
    public static IServiceCollection AddUsersDbContextDirectly(this IServiceCollection services) =>
        services.AddScoped<UsersDbContext, PostgreSqlUsersDbContext>();
}
