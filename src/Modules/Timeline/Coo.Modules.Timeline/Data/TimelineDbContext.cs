using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Timeline.Data;

internal abstract class TimelineDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "timeline";

    public override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}

// One context type per provider, so that each provider keeps its own migrations (Data/Migrations/<Provider>).
internal sealed class SqliteTimelineDbContext(DbContextOptions<SqliteTimelineDbContext> options) : TimelineDbContext(options);

internal sealed class PostgreSqlTimelineDbContext(DbContextOptions<PostgreSqlTimelineDbContext> options) : TimelineDbContext(options);

internal sealed class SqlServerTimelineDbContext(DbContextOptions<SqlServerTimelineDbContext> options) : TimelineDbContext(options);
