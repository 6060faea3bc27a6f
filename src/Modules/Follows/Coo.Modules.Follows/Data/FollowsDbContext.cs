using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Follows.Data;

internal abstract class FollowsDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "follows";

    public override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}

// One context type per provider, so that each provider keeps its own migrations (Data/Migrations/<Provider>).
internal sealed class SqliteFollowsDbContext(DbContextOptions<SqliteFollowsDbContext> options) : FollowsDbContext(options);

internal sealed class PostgreSqlFollowsDbContext(DbContextOptions<PostgreSqlFollowsDbContext> options) : FollowsDbContext(options);

internal sealed class SqlServerFollowsDbContext(DbContextOptions<SqlServerFollowsDbContext> options) : FollowsDbContext(options);
