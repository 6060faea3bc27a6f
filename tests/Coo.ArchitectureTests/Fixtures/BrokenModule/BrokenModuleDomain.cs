using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

// A module's Domain namespace imitated, broken on purpose: the domain rule must report exactly the types marked
// "breaks". The module's root namespace is Coo.ArchitectureTests.Fixtures.BrokenModule.
namespace Coo.ArchitectureTests.Fixtures.BrokenModule.Domain
{
    /// <summary>Fine: plain C#.</summary>
    internal sealed class Gizmo(string name)
    {
        public string Name { get; private set; } = name;

        public void Rename(string name) => Name = name;
    }

    /// <summary>Breaks: an entity that knows EF Core.</summary>
    internal sealed class SelfSavingGizmo(DbContext db)
    {
        public Task<int> SaveAsync() => db.SaveChangesAsync();
    }
}

namespace Coo.ArchitectureTests.Fixtures.BrokenModule.Domain.Events
{
    /// <summary>Breaks: a sub-namespace of Domain is Domain too, and this knows ASP.NET Core.</summary>
    internal sealed record GizmoRequested(string Name)
    {
        public static GizmoRequested From(HttpRequest request) => new(request.Path);
    }
}

namespace Coo.ArchitectureTests.Fixtures.BrokenModule.DomainServices
{
    /// <summary>Fine for this rule: DomainServices is not Domain, though "Domain" is a string prefix of it.</summary>
    internal static class GizmoStore
    {
        public static Task<int> SaveAsync(DbContext db) => db.SaveChangesAsync();
    }
}
