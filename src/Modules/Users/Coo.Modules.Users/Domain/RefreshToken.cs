namespace Coo.Modules.Users.Domain;

/// <summary>
/// One link of a refresh-token family. Only a hash of the token is stored. Each use replaces the token with a new one
/// of the same family; presenting a used token again after the grace period means it leaked, and the whole family is
/// revoked (within it, the same successor is handed out again).
/// </summary>
internal sealed class RefreshToken
{
    private RefreshToken()
    {
    }

    public long Id { get; private set; }

    public long UserId { get; private set; }

    public Guid FamilyId { get; private set; }

    public string TokenHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static RefreshToken Issue(long id, long userId, Guid familyId, string tokenHash, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        Id = id,
        UserId = userId,
        FamilyId = familyId,
        TokenHash = tokenHash,
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };
}
