using Coo.Modules.Coos.Contracts;
using Coo.Modules.Follows.Contracts;
using Coo.Modules.Notifications.Data;
using Coo.Modules.Notifications.Features.ListNotifications;
using Coo.Modules.Notifications.Features.MarkRead;
using Coo.Modules.Notifications.Features.UnreadCount;
using Coo.Modules.Notifications.IntegrationEventHandlers;
using Coo.Modules.Notifications.Resources;
using Coo.Modules.Reactions.Contracts;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Modules.Notifications;

/// <summary>Who followed, liked, reposted, answered or mentioned you, grouped; built from the other modules' events.</summary>
public sealed class NotificationsModule : IModule
{
    public IReadOnlyList<RateLimitPolicy> RateLimitPolicies => [];

    public void AddServices(IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddModuleDbContext<NotificationsDbContext, SqliteNotificationsDbContext, PostgreSqlNotificationsDbContext, SqlServerNotificationsDbContext>(
            database, NotificationsDbContext.SchemaName);
        services.AddErrorTranslations<NotificationsText>();
        services.AddScoped<NotificationStore>();
        services.AddIntegrationEventHandler<UserFollowedIntegrationEvent, UserFollowedHandler, NotificationsDbContext>();
        services.AddIntegrationEventHandler<UserUnfollowedIntegrationEvent, UserUnfollowedHandler, NotificationsDbContext>();
        services.AddIntegrationEventHandler<CooLikedIntegrationEvent, CooLikedHandler, NotificationsDbContext>();
        services.AddIntegrationEventHandler<CooUnlikedIntegrationEvent, CooUnlikedHandler, NotificationsDbContext>();
        services.AddIntegrationEventHandler<CooRepostedIntegrationEvent, CooRepostedHandler, NotificationsDbContext>();
        services.AddIntegrationEventHandler<CooUnrepostedIntegrationEvent, CooUnrepostedHandler, NotificationsDbContext>();
        services.AddIntegrationEventHandler<CooPostedIntegrationEvent, CooPostedHandler, NotificationsDbContext>(CooPostedHandler.Wants);
        services.AddIntegrationEventHandler<CooDeletedIntegrationEvent, CooDeletedHandler, NotificationsDbContext>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var notifications = api.MapGroup("/users/me/notifications").WithTags("Notifications");
        ListNotificationsEndpoint.Map(notifications);
        UnreadCountEndpoint.Map(notifications);
        MarkReadEndpoint.Map(notifications);
    }
}
