using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Coos.Data;

internal abstract class CoosDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "coos";

    public override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}

// One context type per provider, so that each provider keeps its own migrations (Data/Migrations/<Provider>).
internal sealed class SqliteCoosDbContext(DbContextOptions<SqliteCoosDbContext> options) : CoosDbContext(options);

internal sealed class PostgreSqlCoosDbContext(DbContextOptions<PostgreSqlCoosDbContext> options) : CoosDbContext(options);

internal sealed class SqlServerCoosDbContext(DbContextOptions<SqlServerCoosDbContext> options) : CoosDbContext(options);
