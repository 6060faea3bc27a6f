using Coo.Modules.Analytics;
using Coo.Modules.Coos;
using Coo.Modules.Follows;
using Coo.Modules.Media;
using Coo.Modules.Notifications;
using Coo.Modules.OAuth;
using Coo.Modules.Reactions;
using Coo.Modules.Tags;
using Coo.Modules.Timeline;
using Coo.Modules.Users;
using Coo.Shared.Infrastructure.Modules;

namespace Coo.Host.Composition;

/// <summary>The modules this host loads. A module moved to its own service would leave this list.</summary>
internal static class CooModules
{
    public static readonly IModule[] All =
    [
        new UsersModule(),
        new CoosModule(),
        new FollowsModule(),
        new TimelineModule(),
        new ReactionsModule(),
        new TagsModule(),
        new MediaModule(),
        new NotificationsModule(),
        new AnalyticsModule(),
        new OAuthModule(),
    ];
}
