using Coo.Modules.Notifications.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Notifications.Data;

internal abstract class NotificationsDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "notifications";

    public override string Schema => SchemaName;

    public DbSet<NotificationGroup> Groups => Set<NotificationGroup>();

    public DbSet<NotificationSource> Sources => Set<NotificationSource>();

    public DbSet<NotificationMarker> Markers => Set<NotificationMarker>();

    public DbSet<DeletedCoo> DeletedCoos => Set<DeletedCoo>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<NotificationGroup>(group =>
        {
            group.ToTable("groups");
            group.HasKey(g => g.Id);
            group.Property(g => g.Id).ValueGeneratedNever();
            group.Property(g => g.RecentActorIds).HasMaxLength(80);
            group.Property(g => g.Version).IsConcurrencyToken();
            group.Ignore(g => g.RecentActors);
            group.HasIndex(g => new { g.RecipientId, g.LatestId }).IsDescending(false, true);
            group.HasIndex(g => new { g.RecipientId, g.Kind, g.CooId, g.OpenedAt });
            group.HasIndex(g => g.CooId);
        });

        modelBuilder.Entity<NotificationSource>(source =>
        {
            source.ToTable("sources");
            // A coo mentions several people: one event, one row per recipient.
            source.HasKey(s => new { s.Kind, s.SourceId, s.RecipientId });
            source.Property(s => s.SourceId).ValueGeneratedNever();
            source.HasIndex(s => new { s.GroupId, s.SourceId }).IsDescending(false, true);
            source.HasIndex(s => s.CooId);

            // Mastodon's notifications list reads them one by one, newest first.
            source.HasIndex(s => new { s.RecipientId, s.SourceId }).IsDescending(false, true);
        });

        modelBuilder.Entity<NotificationMarker>(marker =>
        {
            marker.ToTable("markers");
            marker.HasKey(m => m.UserId);
            marker.Property(m => m.UserId).ValueGeneratedNever();
        });

        modelBuilder.Entity<DeletedCoo>(deleted =>
        {
            deleted.ToTable("deleted_coos");
            deleted.HasKey(d => d.CooId);
            deleted.Property(d => d.CooId).ValueGeneratedNever();
        });
    }
}

// One context type per provider, so that each provider keeps its own migrations (Data/Migrations/<Provider>).
internal sealed class SqliteNotificationsDbContext(DbContextOptions<SqliteNotificationsDbContext> options) : NotificationsDbContext(options);

internal sealed class PostgreSqlNotificationsDbContext(DbContextOptions<PostgreSqlNotificationsDbContext> options) : NotificationsDbContext(options);

internal sealed class SqlServerNotificationsDbContext(DbContextOptions<SqlServerNotificationsDbContext> options) : NotificationsDbContext(options);
