using Coo.Modules.Users.Domain;

namespace Coo.UnitTests;

public sealed class UserLockoutTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_fifth_consecutive_failure_locks_the_account_for_fifteen_minutes()
    {
        var user = User.Register(1, "tess", "tess@example.com", "", Now);

        for (var i = 0; i < User.MaxFailedSignIns - 1; i++)
        {
            user.RecordFailedSignIn(Now);
            Assert.Null(user.RemainingLockout(Now));
        }

        user.RecordFailedSignIn(Now);

        Assert.Equal(TimeSpan.FromMinutes(15), user.RemainingLockout(Now));
        Assert.Null(user.RemainingLockout(Now + TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void A_successful_sign_in_forgets_earlier_failures()
    {
        var user = User.Register(1, "tess", "tess@example.com", "", Now);
        for (var i = 0; i < User.MaxFailedSignIns - 1; i++)
        {
            user.RecordFailedSignIn(Now);
        }

        user.RecordSuccessfulSignIn();
        user.RecordFailedSignIn(Now);

        Assert.Null(user.RemainingLockout(Now));
    }
}
