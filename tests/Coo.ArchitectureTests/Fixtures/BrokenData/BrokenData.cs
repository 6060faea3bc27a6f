using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.ArchitectureTests.Fixtures.BrokenData;

// Module DbContexts imitated, broken on purpose: the persistence rules must report exactly what is marked "breaks".

internal sealed class Gadget
{
    public long Id { get; set; }
}

internal sealed class GadgetCount
{
    public long Count { get; set; }
}

internal sealed class Part
{
    public long Id { get; set; }
}

/// <summary>
/// Breaks the schema rule: <see cref="Gadget"/> goes to another schema (on PostgreSQL and SQL Server; on SQLite
/// ModuleDbContext drops the schema and prefixes the table), and the <see cref="GadgetCount"/> view escapes the
/// prefix on SQLite (ModuleDbContext prefixes tables only; on the other providers the view takes the default schema).
/// </summary>
internal sealed class LeakyDbContext(DbContextOptions<LeakyDbContext> options) : ModuleDbContext(options)
{
    public override string Schema => "leaky";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Gadget>().ToTable("gadgets", "elsewhere");
        modelBuilder.Entity<GadgetCount>().HasNoKey().ToView("gadget_counts");
    }
}

/// <summary>Breaks the cross-module rule together with <see cref="SecondPartsDbContext"/>: both map <see cref="Part"/>.</summary>
internal sealed class FirstPartsDbContext(DbContextOptions<FirstPartsDbContext> options) : ModuleDbContext(options)
{
    public override string Schema => "first_parts";

    protected override void ConfigureModel(ModelBuilder modelBuilder) => modelBuilder.Entity<Part>().ToTable("parts");
}

internal sealed class SecondPartsDbContext(DbContextOptions<SecondPartsDbContext> options) : ModuleDbContext(options)
{
    public override string Schema => "second_parts";

    protected override void ConfigureModel(ModelBuilder modelBuilder) => modelBuilder.Entity<Part>().ToTable("parts");
}

/// <summary>Breaks the cross-module rule: another module's schema.</summary>
internal sealed class SquatterDbContext(DbContextOptions<SquatterDbContext> options) : ModuleDbContext(options)
{
    public override string Schema => "first_parts";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
