using Coo.Modules.Timeline.Data;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Modules.Timeline;

/// <summary>Home timelines, built from other modules' events.</summary>
public sealed class TimelineModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddModuleDbContext<TimelineDbContext, SqliteTimelineDbContext, PostgreSqlTimelineDbContext, SqlServerTimelineDbContext>(
            database, TimelineDbContext.SchemaName);
        services.AddModuleValidators(typeof(TimelineModule).Assembly);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
    }
}
