using Coo.Modules.Coos.Contracts;
using Coo.Modules.Tags.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Tags.Data;

internal abstract class TagsDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "tags";

    public override string Schema => SchemaName;

    public DbSet<TaggedCoo> TaggedCoos => Set<TaggedCoo>();

    public DbSet<TagUse> Uses => Set<TagUse>();

    public DbSet<TagTrend> Trends => Set<TagTrend>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TaggedCoo>(tagged =>
        {
            tagged.ToTable("tagged_coos");
            tagged.HasKey(t => new { t.Tag, t.CooId });
            tagged.Property(t => t.Tag).HasMaxLength(Hashtag.MaxLength);
            tagged.HasIndex(t => t.CooId);
        });

        modelBuilder.Entity<TagUse>(use =>
        {
            use.ToTable("tag_uses");
            use.HasKey(u => new { u.Tag, u.UserId });
            use.Property(u => u.Tag).HasMaxLength(Hashtag.MaxLength);
            use.HasIndex(u => u.LastUsedAt);
        });

        modelBuilder.Entity<TagTrend>(trend =>
        {
            trend.ToTable("tag_trends");
            trend.HasKey(t => t.Tag);
            trend.Property(t => t.Tag).HasMaxLength(Hashtag.MaxLength);
            trend.HasIndex(t => t.People).IsDescending();
        });
    }
}

// One context type per provider, so that each provider keeps its own migrations (Data/Migrations/<Provider>).
internal sealed class SqliteTagsDbContext(DbContextOptions<SqliteTagsDbContext> options) : TagsDbContext(options);

internal sealed class PostgreSqlTagsDbContext(DbContextOptions<PostgreSqlTagsDbContext> options) : TagsDbContext(options);

internal sealed class SqlServerTagsDbContext(DbContextOptions<SqlServerTagsDbContext> options) : TagsDbContext(options);
