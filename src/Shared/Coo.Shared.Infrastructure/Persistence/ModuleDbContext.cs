using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Coo.Shared.Infrastructure.Persistence;

/// <summary>
/// Base of every module's DbContext: the module's own schema, its outbox and inbox tables, and the
/// provider differences (SQLite has no schemas, so tables get the schema as a prefix instead).
/// </summary>
public abstract class ModuleDbContext : DbContext
{
    protected ModuleDbContext(DbContextOptions options)
        : base(options)
    {
        // A SaveChanges inside a transaction would otherwise cost two more round trips (SAVEPOINT, RELEASE) for a
        // recovery Coo never uses: every failure inside a transaction rolls the whole transaction back.
        Database.AutoSavepointsEnabled = false;
    }

    /// <summary>The module's schema name; also the prefix of its tables on SQLite and the key of its outbox dispatcher.</summary>
    public abstract string Schema { get; }

    internal DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    internal DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    /// <summary>
    /// Set while this context holds outbox rows whose commit should wake the dispatcher. A pooled context may come back
    /// with it still set (a transaction disposed without commit or rollback): that costs one needless wake-up, no more.
    /// </summary>
    internal bool HasUnannouncedOutboxMessages { get; set; }

    /// <summary>The queue order time of the last event this context published (<see cref="OutboxMessage.QueueOrderTime"/>).</summary>
    private DateTimeOffset _lastPublishedAt;

    /// <summary>Records an integration event; it is written by the same SaveChanges as the change that raised it.</summary>
    public void Publish(IIntegrationEvent integrationEvent)
    {
        _lastPublishedAt = OutboxMessage.QueueOrderTime(integrationEvent.OccurredAt, after: _lastPublishedAt);
        OutboxMessages.Add(OutboxMessage.From(integrationEvent, _lastPublishedAt, CorrelationContext.Current, CooTracing.CaptureCurrent()));
    }

    /// <summary>The quoted, schema-qualified name of an entity's table, for the few statements written in SQL.</summary>
    public string DelimitedTableName<TEntity>()
    {
        var entity = Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity)} is not mapped.");
        return this.GetService<ISqlGenerationHelper>().DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
    }

    /// <summary>The migrations history table, per module so that modules migrate independently.</summary>
    public static string MigrationsHistoryTable(string schema, DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? $"{schema}_ef_migrations_history" : "ef_migrations_history";

    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var sqlite = Database.IsSqlite();
        if (!sqlite)
        {
            modelBuilder.HasDefaultSchema(Schema);
        }

        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new InboxMessageConfiguration());
        ConfigureModel(modelBuilder);

        if (sqlite)
        {
            foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
            {
                entity.SetSchema(null);
                entity.SetTableName($"{Schema}_{entity.GetTableName()}");
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite cannot compare or order DateTimeOffset text; a sortable integer keeps range queries in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
