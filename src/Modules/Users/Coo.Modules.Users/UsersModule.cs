using Coo.Modules.Media.Contracts;
using Coo.Modules.Users.Contracts;
using Coo.Modules.Users.Data;
using Coo.Modules.Users.Domain;
using Coo.Modules.Users.Features.GetMyProfile;
using Coo.Modules.Users.Features.GetProfileLimits;
using Coo.Modules.Users.Features.RefreshSession;
using Coo.Modules.Users.Features.RegisterUser;
using Coo.Modules.Users.Features.SignIn;
using Coo.Modules.Users.Features.SignOut;
using Coo.Modules.Users.Features.UpdateMyProfile;
using Coo.Modules.Users.IntegrationEventHandlers;
using Coo.Modules.Users.Jobs;
using Coo.Modules.Users.Resources;
using Coo.Modules.Users.Security;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Jobs;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Modules.Users;

/// <summary>Accounts, profiles (with the avatars Media makes) and sessions.</summary>
public sealed class UsersModule : IModule
{
    public IReadOnlyList<RateLimitPolicy> RateLimitPolicies => [UsersRateLimits.Registering];

    public void AddServices(IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddModuleDbContext<UsersDbContext, SqliteUsersDbContext, PostgreSqlUsersDbContext, SqlServerUsersDbContext>(
            database, UsersDbContext.SchemaName);
        services.AddPublishedIntegrationEvents(typeof(UserRegisteredIntegrationEvent).Assembly);
        services.AddModuleValidators(typeof(UsersModule).Assembly);
        services.AddErrorTranslations<UsersText>();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<TokenIssuer>();
        services.AddScoped<CredentialCheck>();
        services.AddSingleton<RefreshTokenCookie>();
        // The name carries the summary's shape: one cached by an earlier build (before avatars) is never read back.
        services.AddEntityCache(configuration, new EntityCacheOptions<UserSummary>("user.v2", u => u.Id, TimeSpan.FromMinutes(30), UserSummaryJson.Default.UserSummary));
        services.AddCacheMaintenanceHandler<UserProfileUpdatedIntegrationEvent, UpdatedProfileCacheHandler, UsersDbContext>();
        services.AddIntegrationEventHandler<AvatarChangedIntegrationEvent, AvatarChangedHandler, UsersDbContext>();
        services.AddScoped<IRecurringJob, ExpiredRefreshTokenCleanupJob>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        RegisterUserEndpoint.Map(users);
        GetMyProfileEndpoint.Map(users);
        UpdateMyProfileEndpoint.Map(users);
        GetProfileLimitsEndpoint.Map(users);

        var auth = api.MapGroup("/auth").WithTags("Auth").WithBodyLimit(BodyLimit.Credentials);
        SignInEndpoint.Map(auth);
        RefreshSessionEndpoint.Map(auth);
        SignOutEndpoint.Map(auth);
    }
}
