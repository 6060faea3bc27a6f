using Coo.Modules.Analytics.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Analytics.Data;

internal abstract class AnalyticsDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "analytics";

    public override string Schema => SchemaName;

    public DbSet<MetricCount> Counts => Set<MetricCount>();

    public DbSet<ActiveUser> ActiveUsers => Set<ActiveUser>();

    public DbSet<RawClientEvent> RawClientEvents => Set<RawClientEvent>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MetricCount>(count =>
        {
            count.ToTable("counts");
            count.HasKey(c => new { c.Granularity, c.BucketStart, c.Metric });
            count.Property(c => c.Granularity).HasConversion<string>().HasMaxLength(8);
            count.Property(c => c.Metric).HasMaxLength(40);
        });

        modelBuilder.Entity<ActiveUser>(active =>
        {
            active.ToTable("active_users");
            active.HasKey(a => new { a.Granularity, a.BucketStart, a.UserId });
            active.Property(a => a.Granularity).HasConversion<string>().HasMaxLength(8);
        });

        modelBuilder.Entity<RawClientEvent>(raw =>
        {
            raw.ToTable("raw_client_events");
            raw.HasKey(r => r.Id);
            raw.Property(r => r.Id).ValueGeneratedNever();
            raw.Property(r => r.Name).HasMaxLength(40);
            raw.HasIndex(r => r.ReceivedAt);
        });
    }
}

// One context type per provider, so that each provider keeps its own migrations (Data/Migrations/<Provider>).
internal sealed class SqliteAnalyticsDbContext(DbContextOptions<SqliteAnalyticsDbContext> options) : AnalyticsDbContext(options);

internal sealed class PostgreSqlAnalyticsDbContext(DbContextOptions<PostgreSqlAnalyticsDbContext> options) : AnalyticsDbContext(options);

internal sealed class SqlServerAnalyticsDbContext(DbContextOptions<SqlServerAnalyticsDbContext> options) : AnalyticsDbContext(options);
