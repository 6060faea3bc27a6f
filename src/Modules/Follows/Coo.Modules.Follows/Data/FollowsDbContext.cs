using Coo.Modules.Follows.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Follows.Data;

internal abstract class FollowsDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "follows";

    public override string Schema => SchemaName;

    public DbSet<Follow> Follows => Set<Follow>();

    public DbSet<FollowCounts> Counts => Set<FollowCounts>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Follow>(follow =>
        {
            follow.ToTable("follows");
            follow.HasKey(f => new { f.FollowerId, f.FolloweeId });
            follow.HasIndex(f => f.Id).IsUnique();
            follow.HasIndex(f => new { f.FolloweeId, f.Id }).IsDescending(false, true);
            follow.HasIndex(f => new { f.FollowerId, f.Id }).IsDescending(false, true);
        });

        modelBuilder.Entity<FollowCounts>(counts =>
        {
            counts.ToTable("follow_counts");
            counts.HasKey(c => c.UserId);
            counts.Property(c => c.UserId).ValueGeneratedNever();
        });
    }
}

// One context type per provider, so that each provider keeps its own migrations (Data/Migrations/<Provider>).
internal sealed class SqliteFollowsDbContext(DbContextOptions<SqliteFollowsDbContext> options) : FollowsDbContext(options);

internal sealed class PostgreSqlFollowsDbContext(DbContextOptions<PostgreSqlFollowsDbContext> options) : FollowsDbContext(options);

internal sealed class SqlServerFollowsDbContext(DbContextOptions<SqlServerFollowsDbContext> options) : FollowsDbContext(options);
