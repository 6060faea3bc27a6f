using Coo.Modules.Users.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Users.Data;

internal abstract class UsersDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "users";

    public override string Schema => SchemaName;

    public DbSet<User> Users => Set<User>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Id);
            user.Property(u => u.Id).ValueGeneratedNever();
            user.Property(u => u.Username).HasMaxLength(15);
            user.Property(u => u.NormalizedUsername).HasMaxLength(15);
            user.Property(u => u.Email).HasMaxLength(254);
            user.Property(u => u.NormalizedEmail).HasMaxLength(254);
            user.Property(u => u.PasswordHash).HasMaxLength(200);
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.Bio).HasMaxLength(700);
            user.Property(u => u.ProfileVersion).IsConcurrencyToken();

            // Media's file URLs: the files path and a content-addressed name.
            user.Property(u => u.AvatarUrl).HasMaxLength(200);
            user.Property(u => u.AvatarSmallUrl).HasMaxLength(200);
            user.HasIndex(u => u.NormalizedUsername).IsUnique();
            user.HasIndex(u => u.NormalizedEmail).IsUnique();
        });

        modelBuilder.Entity<RefreshToken>(token =>
        {
            token.ToTable("refresh_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).ValueGeneratedNever();
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.FamilyId);
            token.HasIndex(t => t.UserId);
            token.HasIndex(t => t.ExpiresAt);
            token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

// One context type per provider, so that each provider keeps its own migrations (Data/Migrations/<Provider>).
internal sealed class SqliteUsersDbContext(DbContextOptions<SqliteUsersDbContext> options) : UsersDbContext(options);

internal sealed class PostgreSqlUsersDbContext(DbContextOptions<PostgreSqlUsersDbContext> options) : UsersDbContext(options);

internal sealed class SqlServerUsersDbContext(DbContextOptions<SqlServerUsersDbContext> options) : UsersDbContext(options);
