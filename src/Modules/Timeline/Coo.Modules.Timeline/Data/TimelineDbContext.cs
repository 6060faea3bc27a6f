using Coo.Modules.Timeline.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Timeline.Data;

internal abstract class TimelineDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "timeline";

    public override string Schema => SchemaName;

    public DbSet<TimelineEntry> Entries => Set<TimelineEntry>();

    public DbSet<TimelineHorizon> Horizons => Set<TimelineHorizon>();

    public DbSet<FollowEdge> FollowEdges => Set<FollowEdge>();

    public DbSet<DeletedCoo> DeletedCoos => Set<DeletedCoo>();

    public DbSet<LargeAuthor> LargeAuthors => Set<LargeAuthor>();

    public DbSet<Repost> Reposts => Set<Repost>();

    public DbSet<UndoneRepost> UndoneReposts => Set<UndoneRepost>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TimelineEntry>(entry =>
        {
            entry.ToTable("entries");
            entry.HasKey(e => new { e.OwnerId, e.CooId });
            entry.HasIndex(e => e.CooId);

            // No index by (owner, author): an unfollow's delete matches the author, a coo it answers or a reposter, so it
            // scans the owner's (trimmed) timeline by the key either way, and every fan-out row paid for one more index.
            entry.HasIndex(e => new { e.OwnerId, e.Position }).IsDescending(false, true);
        });

        modelBuilder.Entity<Repost>(repost =>
        {
            repost.ToTable("reposts");
            repost.HasKey(r => r.RepostId);
            repost.Property(r => r.RepostId).ValueGeneratedNever();
            repost.HasIndex(r => r.CooId);
            repost.HasIndex(r => new { r.ReposterId, r.RepostId }).IsDescending(false, true);
        });

        modelBuilder.Entity<UndoneRepost>(undone =>
        {
            undone.ToTable("undone_reposts");
            undone.HasKey(u => u.RepostId);
            undone.Property(u => u.RepostId).ValueGeneratedNever();
            undone.HasIndex(u => u.UndoneAt);
        });

        modelBuilder.Entity<TimelineHorizon>(horizon =>
        {
            horizon.ToTable("horizons");
            horizon.HasKey(h => h.OwnerId);
            horizon.Property(h => h.OwnerId).ValueGeneratedNever();
        });

        modelBuilder.Entity<FollowEdge>(edge =>
        {
            edge.ToTable("follow_edges");
            edge.HasKey(e => new { e.FollowerId, e.FolloweeId });
            edge.HasIndex(e => new { e.FolloweeId, e.FollowerId });
        });

        modelBuilder.Entity<DeletedCoo>(deleted =>
        {
            deleted.ToTable("deleted_coos");
            deleted.HasKey(d => d.CooId);
            deleted.Property(d => d.CooId).ValueGeneratedNever();
            deleted.HasIndex(d => d.DeletedAt);
        });

        modelBuilder.Entity<LargeAuthor>(large =>
        {
            large.ToTable("large_authors");
            large.HasKey(l => l.AuthorId);
            large.Property(l => l.AuthorId).ValueGeneratedNever();
        });
    }
}

// One context type per provider, so that each provider keeps its own migrations (Data/Migrations/<Provider>).
internal sealed class SqliteTimelineDbContext(DbContextOptions<SqliteTimelineDbContext> options) : TimelineDbContext(options);

internal sealed class PostgreSqlTimelineDbContext(DbContextOptions<PostgreSqlTimelineDbContext> options) : TimelineDbContext(options);

internal sealed class SqlServerTimelineDbContext(DbContextOptions<SqlServerTimelineDbContext> options) : TimelineDbContext(options);
