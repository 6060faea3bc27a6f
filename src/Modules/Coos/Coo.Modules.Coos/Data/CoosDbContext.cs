using System.Text.Json;
using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Coo.Modules.Coos.Data;

internal abstract class CoosDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "coos";

    public override string Schema => SchemaName;

    public DbSet<Domain.Coo> Coos => Set<Domain.Coo>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<AuthorStats> AuthorStats => Set<AuthorStats>();

    public DbSet<Pin> Pins => Set<Pin>();

    public DbSet<ConversationTombstone> ConversationTombstones => Set<ConversationTombstone>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Domain.Coo>(coo =>
        {
            coo.ToTable("coos");
            coo.HasKey(c => c.Id);
            coo.Property(c => c.Id).ValueGeneratedNever();
            coo.Property(c => c.Text).HasMaxLength(Domain.Coo.MaxCodeUnits);

            // JSON text on every provider: written once with the coo, read whole, never queried into.
            coo.Property(c => c.Entities).HasConversion(
                entities => EntitiesJson.Write(entities),
                json => EntitiesJson.Read(json),
                new ValueComparer<CooEntities?>((a, b) => ReferenceEquals(a, b), e => e == null ? 0 : e.GetHashCode(), e => e));
            coo.Property(c => c.Media).HasConversion(
                media => MediaJson.Write(media),
                json => MediaJson.Read(json),
                new ValueComparer<IReadOnlyList<CooMediaResponse>?>((a, b) => ReferenceEquals(a, b), m => m == null ? 0 : m.GetHashCode(), m => m));
            coo.HasIndex(c => new { c.AuthorId, c.Id }).IsDescending(false, true);
            coo.HasIndex(c => c.ConversationId);
            coo.HasIndex(c => new { c.InReplyToAuthorId, c.Id }).IsDescending(false, true);
        });

        modelBuilder.Entity<ConversationTombstone>(tombstone =>
        {
            tombstone.ToTable("conversation_tombstones");
            tombstone.HasKey(t => t.CooId);
            tombstone.Property(t => t.CooId).ValueGeneratedNever();
            tombstone.HasIndex(t => t.ConversationId);
        });

        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("idempotency_keys");
            record.HasKey(r => new { r.AuthorId, r.Key });
            record.Property(r => r.Key).HasMaxLength(100);
            record.Property(r => r.RequestHash).HasMaxLength(64);
            record.HasIndex(r => r.CreatedAt);
        });

        modelBuilder.Entity<AuthorStats>(stats =>
        {
            stats.ToTable("author_stats");
            stats.HasKey(s => s.AuthorId);
            stats.Property(s => s.AuthorId).ValueGeneratedNever();
        });

        modelBuilder.Entity<Pin>(pin =>
        {
            pin.ToTable("pins");
            pin.HasKey(p => p.AuthorId);
            pin.Property(p => p.AuthorId).ValueGeneratedNever();

            // Deleting a coo unpins it (DeleteCooHandler); the key refuses a pin racing that delete.
            pin.HasOne<Domain.Coo>().WithMany().HasForeignKey(p => p.CooId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

// One context type per provider, so that each provider keeps its own migrations (Data/Migrations/<Provider>).
internal sealed class SqliteCoosDbContext(DbContextOptions<SqliteCoosDbContext> options) : CoosDbContext(options);

internal sealed class PostgreSqlCoosDbContext(DbContextOptions<PostgreSqlCoosDbContext> options) : CoosDbContext(options);

internal sealed class SqlServerCoosDbContext(DbContextOptions<SqlServerCoosDbContext> options) : CoosDbContext(options);

/// <summary>A coo's entities as stored: JSON, or null for coos posted before entities were kept.</summary>
internal static class EntitiesJson
{
    public static string? Write(CooEntities? entities) => entities is null ? null : JsonSerializer.Serialize(entities, JsonSerializerOptions.Web);

    public static CooEntities? Read(string? json) => json is null ? null : JsonSerializer.Deserialize<CooEntities>(json, JsonSerializerOptions.Web);
}

/// <summary>
/// A coo's images as stored: JSON like its entities, copied from Media when it was posted, so that reading a coo never
/// asks Media; null for coos without images and those posted before images.
/// </summary>
internal static class MediaJson
{
    public static string? Write(IReadOnlyList<CooMediaResponse>? media) =>
        media is null or { Count: 0 } ? null : JsonSerializer.Serialize(media, JsonSerializerOptions.Web);

    public static IReadOnlyList<CooMediaResponse>? Read(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<List<CooMediaResponse>>(json, JsonSerializerOptions.Web);
}
