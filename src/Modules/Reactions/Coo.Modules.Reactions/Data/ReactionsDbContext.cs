using Coo.Modules.Reactions.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Reactions.Data;

internal abstract class ReactionsDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "reactions";

    public override string Schema => SchemaName;

    public DbSet<Reaction> Reactions => Set<Reaction>();

    public DbSet<ReactionCountShare> CountShares => Set<ReactionCountShare>();

    public DbSet<Reply> Replies => Set<Reply>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Reaction>(reaction =>
        {
            reaction.ToTable("reactions");
            reaction.HasKey(r => new { r.CooId, r.Kind, r.UserId });
            reaction.Property(r => r.Id).ValueGeneratedNever();
            reaction.HasIndex(r => r.Id).IsUnique();

            // Who reacted to a coo, and what a user reacted to, newest first.
            reaction.HasIndex(r => new { r.CooId, r.Kind, r.Id }).IsDescending(false, false, true);
            reaction.HasIndex(r => new { r.UserId, r.Kind, r.Id }).IsDescending(false, false, true);
        });

        modelBuilder.Entity<ReactionCountShare>(share =>
        {
            share.ToTable("reaction_counts");
            share.HasKey(s => new { s.CooId, s.Share });
        });

        modelBuilder.Entity<Reply>(reply =>
        {
            reply.ToTable("replies");
            reply.HasKey(r => new { r.ParentCooId, r.ReplyId });
        });
    }
}

// One context type per provider, so that each provider keeps its own migrations (Data/Migrations/<Provider>).
internal sealed class SqliteReactionsDbContext(DbContextOptions<SqliteReactionsDbContext> options) : ReactionsDbContext(options);

internal sealed class PostgreSqlReactionsDbContext(DbContextOptions<PostgreSqlReactionsDbContext> options) : ReactionsDbContext(options);

internal sealed class SqlServerReactionsDbContext(DbContextOptions<SqlServerReactionsDbContext> options) : ReactionsDbContext(options);
