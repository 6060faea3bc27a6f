using Coo.Shared.Infrastructure.Messaging;

namespace Coo.UnitTests.Messaging;

public sealed class QueueOrderTimeTests
{
    private const long Step = OutboxMessage.QueueOrderStepTicks;

    private static readonly DateTimeOffset Instant = new(2026, 12, 4, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void An_event_after_the_last_one_keeps_its_time_to_the_step_every_database_keeps()
    {
        var occurredAt = Instant.AddTicks((5 * Step) + 7);

        Assert.Equal(Instant.AddTicks(5 * Step), OutboxMessage.QueueOrderTime(occurredAt, after: Instant));
    }

    [Fact]
    public void Events_at_one_instant_get_times_a_step_apart_in_the_order_they_were_published()
    {
        var first = OutboxMessage.QueueOrderTime(Instant, after: DateTimeOffset.MinValue);
        var second = OutboxMessage.QueueOrderTime(Instant, after: first);
        var third = OutboxMessage.QueueOrderTime(Instant.AddTicks(3), after: second); // Within the same step.

        Assert.Equal([Instant, Instant.AddTicks(Step), Instant.AddTicks(2 * Step)], [first, second, third]);
    }

    [Fact]
    public void An_event_stamped_before_the_last_one_published_still_comes_after_it()
    {
        var last = Instant.AddSeconds(1);

        Assert.Equal(last.AddTicks(Step), OutboxMessage.QueueOrderTime(Instant, after: last));
    }
}
