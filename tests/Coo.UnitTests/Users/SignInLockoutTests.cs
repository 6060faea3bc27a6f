using Coo.Modules.Users.Domain;
using Microsoft.Extensions.Time.Testing;

namespace Coo.UnitTests.Users;

public sealed class SignInLockoutTests
{
    [Fact]
    public void Four_wrong_passwords_are_allowed_and_the_fifth_locks_the_account()
    {
        Assert.All(Enumerable.Range(1, 4), attempt => Assert.False(SignInLockout.WrongPasswordLocks(attempt)));
        Assert.True(SignInLockout.WrongPasswordLocks(5));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(5, false)]
    [InlineData(6, true)]
    [InlineData(60, true)]
    public void Parallel_guesses_counted_past_the_limit_lock_without_a_password_check(int attempt, bool locks) =>
        Assert.Equal(locks, SignInLockout.LocksUnchecked(attempt));

    [Fact]
    public void A_lock_lasts_fifteen_minutes_to_the_tick()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 25, 0, 50, 0, TimeSpan.Zero));
        var lockedUntil = SignInLockout.LockedUntil(time.GetUtcNow());

        Assert.Equal(TimeSpan.FromMinutes(15), SignInLockout.Remaining(lockedUntil, time.GetUtcNow()));
        time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromTicks(1));
        Assert.Equal(TimeSpan.FromTicks(1), SignInLockout.Remaining(lockedUntil, time.GetUtcNow()));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Null(SignInLockout.Remaining(lockedUntil, time.GetUtcNow()));
    }

    [Fact]
    public void An_account_never_locked_has_no_remaining_lock() =>
        Assert.Null(SignInLockout.Remaining(null, DateTimeOffset.UnixEpoch));

    [Fact]
    public void An_attempt_refused_by_a_lock_waits_for_its_remainder_or_a_whole_lock_out_if_it_just_ended()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 29, 0, 55, 0, TimeSpan.Zero));
        var lockedUntil = time.GetUtcNow() + TimeSpan.FromMinutes(10);

        Assert.Equal(TimeSpan.FromMinutes(10), SignInLockout.RefusedAttemptWait(lockedUntil, time.GetUtcNow()));
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(SignInLockout.Duration, SignInLockout.RefusedAttemptWait(lockedUntil, time.GetUtcNow()));
        Assert.Equal(SignInLockout.Duration, SignInLockout.RefusedAttemptWait(null, time.GetUtcNow()));
    }
}
