using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.OAuth.Data;

/// <summary>
/// OpenIddict's applications, authorizations, scopes and tokens. Their keys are OpenIddict's default strings (GUIDs made
/// by OpenIddict before the insert): the same column on SQLite, PostgreSQL and SQL Server, no identity column per provider,
/// and no round trip to learn a generated key before a token can refer to its authorization.
/// </summary>
internal abstract class OAuthDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "oauth";

    public override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.UseOpenIddict();

        // Table names like the other modules' (snake case, no product prefix): the schema already says whose they are.
        foreach (var (entity, table) in new[]
        {
            (typeof(OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication), "applications"),
            (typeof(OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreAuthorization), "authorizations"),
            (typeof(OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreScope), "scopes"),
            (typeof(OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken), "tokens"),
        })
        {
            modelBuilder.Entity(entity).ToTable(table);
        }
    }
}

// One context type per provider, so that each provider keeps its own migrations (Data/Migrations/<Provider>).
internal sealed class SqliteOAuthDbContext(DbContextOptions<SqliteOAuthDbContext> options) : OAuthDbContext(options);

internal sealed class PostgreSqlOAuthDbContext(DbContextOptions<PostgreSqlOAuthDbContext> options) : OAuthDbContext(options);

internal sealed class SqlServerOAuthDbContext(DbContextOptions<SqlServerOAuthDbContext> options) : OAuthDbContext(options);
