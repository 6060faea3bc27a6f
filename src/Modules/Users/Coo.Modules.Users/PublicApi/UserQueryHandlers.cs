using Coo.Modules.Users.Contracts;
using Coo.Modules.Users.Data;
using Coo.Modules.Users.Domain;
using Coo.Shared.Infrastructure.Caching;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Users.PublicApi;

internal sealed class GetUsersByIdsHandler(IDbContextFactory<UsersDbContext> contexts, IEntityCache<UserSummary> cache) : IQueryHandler<GetUsersByIds, IReadOnlyList<UserSummary>>
{
    public const int MaxBatch = 1000;

    public async ValueTask<IReadOnlyList<UserSummary>> Handle(GetUsersByIds query, CancellationToken cancellationToken)
    {
        if (query.UserIds.Count == 0)
        {
            return [];
        }

        if (query.UserIds.Count > MaxBatch)
        {
            throw new ArgumentException($"At most {MaxBatch} ids per call.", nameof(query));
        }

        return await cache.GetManyAsync(query.UserIds, LoadAsync, cancellationToken);
    }

    /// <summary>Only a cache miss rents a context: authors served from the cache touch no database code at all.</summary>
    private async Task<IReadOnlyList<UserSummary>> LoadAsync(long[] ids, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => ShownAvatar.Summary(u.Id, u.Username, u.DisplayName, u.AvatarUrl, u.AvatarSmallUrl))
            .ToListAsync(cancellationToken);
    }
}

internal sealed class GetUserByUsernameHandler(UsersDbContext db) : IQueryHandler<GetUserByUsername, UserSummary?>
{
    public async ValueTask<UserSummary?> Handle(GetUserByUsername query, CancellationToken cancellationToken)
    {
        if (!User.CouldBeUsername(query.Username))
        {
            return null;
        }

        var normalized = User.NormalizeUsername(query.Username);
        return await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUsername == normalized)
            .Select(u => ShownAvatar.Summary(u.Id, u.Username, u.DisplayName, u.AvatarUrl, u.AvatarSmallUrl))
            .SingleOrDefaultAsync(cancellationToken);
    }
}

internal sealed class GetUsersByUsernamesHandler(UsersDbContext db) : IQueryHandler<GetUsersByUsernames, IReadOnlyList<UserSummary>>
{
    public const int MaxBatch = 100;

    public async ValueTask<IReadOnlyList<UserSummary>> Handle(GetUsersByUsernames query, CancellationToken cancellationToken)
    {
        // Counted once the names no user can have are left out: a coo's 280 characters hold more than a hundred of
        // those (one or two letters), but fewer of the others.
        var normalized = query.Usernames.Where(User.CouldBeUsername).Select(User.NormalizeUsername).Distinct().ToArray();
        ArgumentOutOfRangeException.ThrowIfGreaterThan(normalized.Length, MaxBatch, nameof(query));
        if (normalized.Length == 0)
        {
            return [];
        }

        return await db.Users.AsNoTracking()
            .Where(u => normalized.Contains(u.NormalizedUsername))
            .Select(u => ShownAvatar.Summary(u.Id, u.Username, u.DisplayName, u.AvatarUrl, u.AvatarSmallUrl))
            .ToListAsync(cancellationToken);
    }
}

internal sealed class GetUserProfileHandler(UsersDbContext db) : IQueryHandler<GetUserProfile, UserProfile?>
{
    public async ValueTask<UserProfile?> Handle(GetUserProfile query, CancellationToken cancellationToken)
    {
        if (!User.CouldBeUsername(query.Username))
        {
            return null;
        }

        var normalized = User.NormalizeUsername(query.Username);
        return await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUsername == normalized)
            .Select(u => ShownAvatar.Profile(u.Id, u.Username, u.DisplayName, u.Bio, u.CreatedAt, u.AvatarUrl, u.AvatarSmallUrl))
            .SingleOrDefaultAsync(cancellationToken);
    }
}

internal sealed class GetUserProfilesByIdsHandler(UsersDbContext db) : IQueryHandler<GetUserProfilesByIds, IReadOnlyList<UserProfile>>
{
    public async ValueTask<IReadOnlyList<UserProfile>> Handle(GetUserProfilesByIds query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.UserIds.Count, GetUsersByIdsHandler.MaxBatch, nameof(query));
        var ids = query.UserIds.Distinct().ToArray();
        return ids.Length == 0
            ? []
            : await db.Users.AsNoTracking()
                .Where(u => ids.Contains(u.Id))
                .Select(u => ShownAvatar.Profile(u.Id, u.Username, u.DisplayName, u.Bio, u.CreatedAt, u.AvatarUrl, u.AvatarSmallUrl))
                .ToListAsync(cancellationToken);
    }
}
