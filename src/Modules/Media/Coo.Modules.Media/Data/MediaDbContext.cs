using Coo.Modules.Media.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Media.Data;

internal abstract class MediaDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "media";

    // A SHA-256 in hex, a dot and the longest extension ("webp").
    private const int FileNameLength = 64 + 5;

    public override string Schema => SchemaName;

    public DbSet<MediaItem> Items => Set<MediaItem>();

    public DbSet<SweepCandidate> SweepCandidates => Set<SweepCandidate>();

    public DbSet<Avatar> Avatars => Set<Avatar>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MediaItem>(item =>
        {
            item.ToTable("media_items");
            item.HasKey(m => m.Id);
            item.Property(m => m.Id).ValueGeneratedNever();
            item.Property(m => m.Description).HasMaxLength(MediaItem.MaxDescriptionLength);
            item.Property(m => m.FileName).HasMaxLength(FileNameLength);
            item.Property(m => m.PreviewFileName).HasMaxLength(FileNameLength);
            item.HasIndex(m => m.CooId);

            // The sweep's question: does any upload still name this file?
            item.HasIndex(m => m.FileName);
            item.HasIndex(m => m.PreviewFileName);

            // The cleanup job's look-up: unposted uploads by age.
            item.HasIndex(m => new { m.Confirmed, m.CreatedAt });
        });

        modelBuilder.Entity<Avatar>(avatar =>
        {
            avatar.ToTable("avatars");
            avatar.HasKey(a => a.UserId);
            avatar.Property(a => a.UserId).ValueGeneratedNever();
            avatar.Property(a => a.FileName).HasMaxLength(FileNameLength);
            avatar.Property(a => a.SmallFileName).HasMaxLength(FileNameLength);
            avatar.Property(a => a.Version).IsConcurrencyToken();

            // The sweep asks avatars too whether they name a file.
            avatar.HasIndex(a => a.FileName);
            avatar.HasIndex(a => a.SmallFileName);
        });

        modelBuilder.Entity<SweepCandidate>(candidate =>
        {
            candidate.ToTable("sweep_candidates");
            candidate.HasKey(c => c.Id);
            candidate.Property(c => c.Id).ValueGeneratedNever();
            candidate.Property(c => c.FileName).HasMaxLength(FileNameLength);
            candidate.HasIndex(c => c.RecordedAt);
        });
    }
}

// One context type per provider, so that each provider keeps its own migrations (Data/Migrations/<Provider>).
internal sealed class SqliteMediaDbContext(DbContextOptions<SqliteMediaDbContext> options) : MediaDbContext(options);

internal sealed class PostgreSqlMediaDbContext(DbContextOptions<PostgreSqlMediaDbContext> options) : MediaDbContext(options);

internal sealed class SqlServerMediaDbContext(DbContextOptions<SqlServerMediaDbContext> options) : MediaDbContext(options);
