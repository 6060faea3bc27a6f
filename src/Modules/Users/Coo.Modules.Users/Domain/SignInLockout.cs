namespace Coo.Modules.Users.Domain;

/// <summary>
/// After <see cref="MaxFailedSignIns"/> consecutive failed sign-ins an account is locked for <see cref="Duration"/>.
/// The count itself is kept with atomic database updates (see the sign-in handler) so parallel guesses cannot outrun
/// it; these are the decisions taken on what those updates read back.
/// </summary>
internal static class SignInLockout
{
    public const int MaxFailedSignIns = 5;

    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    /// <summary>How long an account locked until <paramref name="lockedOutUntil"/> stays locked at <paramref name="now"/>; null once it is not.</summary>
    public static TimeSpan? Remaining(DateTimeOffset? lockedOutUntil, DateTimeOffset now) =>
        lockedOutUntil is { } until && until > now ? until - now : null;

    /// <summary>
    /// The wait told to an attempt the database refused to count because the account is locked: another attempt
    /// locked it meanwhile, so it is the lock's remaining time, or a whole lock-out if that has just ended.
    /// </summary>
    public static TimeSpan RefusedAttemptWait(DateTimeOffset? lockedOutUntil, DateTimeOffset now) =>
        Remaining(lockedOutUntil, now) ?? Duration;

    /// <summary>
    /// Whether the attempt with this number (counted before the password is checked) locks the account without a
    /// check: parallel guesses counted past the limit get no verification at all.
    /// </summary>
    public static bool LocksUnchecked(int attempt) => attempt > MaxFailedSignIns;

    /// <summary>Whether a wrong password on the attempt with this number locks the account: it is the last one allowed.</summary>
    public static bool WrongPasswordLocks(int attempt) => attempt == MaxFailedSignIns;

    /// <summary>Until when a lock made at <paramref name="now"/> lasts.</summary>
    public static DateTimeOffset LockedUntil(DateTimeOffset now) => now + Duration;
}
