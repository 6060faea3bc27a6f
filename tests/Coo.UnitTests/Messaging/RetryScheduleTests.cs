using Coo.Shared.Infrastructure.Messaging;

namespace Coo.UnitTests.Messaging;

public sealed class RetryScheduleTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMinutes(10);
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private readonly RetrySchedule _retries = new();

    [Fact]
    public void A_loop_with_no_retry_scheduled_waits_for_its_poll()
    {
        Assert.Equal(Poll, _retries.UntilNextLook(Poll, Now));
    }

    [Fact]
    public void A_loop_waits_for_its_earliest_retry_rounded_up_to_a_whole_millisecond()
    {
        _retries.Add(Now + TimeSpan.FromMilliseconds(40));
        _retries.Add(Now + TimeSpan.FromMilliseconds(12.9));

        Assert.Equal(TimeSpan.FromMilliseconds(13), _retries.UntilNextLook(Poll, Now));
    }

    [Fact]
    public void A_retry_already_due_is_looked_for_at_once()
    {
        _retries.Add(Now - TimeSpan.FromMilliseconds(5));

        Assert.Equal(TimeSpan.Zero, _retries.UntilNextLook(Poll, Now));
    }

    [Fact]
    public void A_retry_due_after_the_poll_waits_no_longer_than_the_poll()
    {
        _retries.Add(Now + TimeSpan.FromMinutes(30));

        Assert.Equal(Poll, _retries.UntilNextLook(Poll, Now));
    }

    [Fact]
    public void A_look_forgets_the_retries_due_by_then_and_keeps_the_later_ones()
    {
        _retries.Add(Now + TimeSpan.FromMilliseconds(10));
        _retries.Add(Now + TimeSpan.FromMilliseconds(50));

        _retries.ForgetDueBy(Now + TimeSpan.FromMilliseconds(10));

        Assert.Equal(TimeSpan.FromMilliseconds(40), _retries.UntilNextLook(Poll, Now + TimeSpan.FromMilliseconds(10)));
    }
}
