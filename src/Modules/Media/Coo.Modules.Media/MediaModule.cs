using Coo.Modules.Coos.Contracts;
using Coo.Modules.Media.Contracts;
using Coo.Modules.Media.Data;
using Coo.Modules.Media.Features.ChangeAvatar;
using Coo.Modules.Media.Features.GetDefaultAvatar;
using Coo.Modules.Media.Features.GetMediaFile;
using Coo.Modules.Media.Features.UploadMedia;
using Coo.Modules.Media.IntegrationEventHandlers;
using Coo.Modules.Media.Jobs;
using Coo.Modules.Media.Processing;
using Coo.Modules.Media.Resources;
using Coo.Modules.Media.Storage;
using Coo.Shared.Infrastructure.Jobs;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Modules.Media;

/// <summary>
/// Pictures: uploads with alt text, re-encoded and stored by content, claimed by the coos that show them; and avatars,
/// uploaded or generated.
/// </summary>
public sealed class MediaModule : IModule
{
    public IReadOnlyList<RateLimitPolicy> RateLimitPolicies => [MediaRateLimits.Uploading];

    public void AddServices(IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddModuleDbContext<MediaDbContext, SqliteMediaDbContext, PostgreSqlMediaDbContext, SqlServerMediaDbContext>(database, MediaDbContext.SchemaName);
        services.AddPublishedIntegrationEvents(typeof(AvatarChangedIntegrationEvent).Assembly);
        services.AddModuleValidators(typeof(MediaModule).Assembly);
        services.AddErrorTranslations<MediaText>();
        var folder = MediaStorageOptions.FolderFrom(configuration, database);
        services.AddSingleton<IMediaStore>(provider => new FileSystemMediaStore(folder, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DecodingSlots>();
        services.AddScoped<IRecurringJob, UnusedMediaCleanupJob>();
        services.AddScoped<IRecurringJob, UnusedFileSweepJob>();
        services.AddIntegrationEventHandler<CooPostedIntegrationEvent, CooPostedHandler, MediaDbContext>(CooPostedHandler.Wants);
        services.AddIntegrationEventHandler<CooDeletedIntegrationEvent, CooDeletedHandler, MediaDbContext>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var media = api.MapGroup("/media").WithTags("Media");
        UploadMediaEndpoint.Map(media);
        GetMediaFileEndpoint.Map(media);
        ChangeAvatarEndpoint.Map(media);
        GetDefaultAvatarEndpoint.Map(media);
    }
}
