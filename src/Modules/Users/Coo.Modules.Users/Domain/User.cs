namespace Coo.Modules.Users.Domain;

internal sealed class User
{
    private User()
    {
    }

    public long Id { get; private set; }

    public string Username { get; private set; } = "";

    public string NormalizedUsername { get; private set; } = "";

    public string Email { get; private set; } = "";

    public string NormalizedEmail { get; private set; } = "";

    public string PasswordHash { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    public string Bio { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public int FailedSignInCount { get; private set; }

    public DateTimeOffset? LockedOutUntil { get; private set; }

    /// <summary>Counts profile changes; a concurrency token, so a change made from stale data is refused and redone.</summary>
    public int ProfileVersion { get; private set; }

    /// <summary>The uploaded avatar (Media's files), or null for the generated default (<see cref="ShownAvatar"/>).</summary>
    public string? AvatarUrl { get; private set; }

    public string? AvatarSmallUrl { get; private set; }

    /// <summary>The version of Media's avatar event last applied: an older one arriving late changes nothing.</summary>
    public long AvatarVersion { get; private set; }

    /// <summary>Granted to an existing account by an operator (<c>Coo.Host admin grant</c>), never by registering a name.</summary>
    public bool IsAdmin { get; private set; }

    public static User Register(long id, string username, string email, string displayName, DateTimeOffset now) => new()
    {
        Id = id,
        Username = username,
        NormalizedUsername = NormalizeUsername(username),
        Email = email,
        NormalizedEmail = NormalizeEmail(email),
        DisplayName = string.IsNullOrEmpty(displayName) ? username : displayName,
        CreatedAt = now,
    };

    /// <summary>
    /// Whether <paramref name="text"/> has the shape every registered username has (3–15 of A–Z a–z 0–9 _): anything
    /// else names nobody, so a lookup need not ask the database (nor hand it text it refuses, such as NUL).
    /// </summary>
    public static bool CouldBeUsername(string? text) =>
        text is { Length: >= 3 and <= 15 } && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Usernames are unique without regard to case; they are ASCII, so invariant upper case is exact.</summary>
    public static string NormalizeUsername(string username) => username.ToUpperInvariant();

    public static string NormalizeEmail(string email) => email.Trim().ToUpperInvariant();

    public void SetPasswordHash(string passwordHash) => PasswordHash = passwordHash;

    /// <returns>True when something changed.</returns>
    public bool UpdateProfile(string? displayName, string? bio)
    {
        var changed = false;
        if (displayName is not null && displayName != DisplayName)
        {
            DisplayName = displayName.Length == 0 ? Username : displayName;
            changed = true;
        }

        if (bio is not null && bio != Bio)
        {
            Bio = bio;
            changed = true;
        }

        if (changed)
        {
            ProfileVersion++;
        }

        return changed;
    }

    /// <returns>True when something changed: <paramref name="version"/> is newer than the avatar shown.</returns>
    public bool SetAvatar(long version, string? url, string? smallUrl)
    {
        if (version <= AvatarVersion)
        {
            return false;
        }

        (AvatarVersion, AvatarUrl, AvatarSmallUrl) = (version, url, smallUrl);
        ProfileVersion++;
        return true;
    }

    public TimeSpan? RemainingLockout(DateTimeOffset now) => SignInLockout.Remaining(LockedOutUntil, now);

    /// <returns>True when something changed.</returns>
    public bool SetAdmin(bool isAdmin)
    {
        var changed = IsAdmin != isAdmin;
        IsAdmin = isAdmin;
        return changed;
    }
}
