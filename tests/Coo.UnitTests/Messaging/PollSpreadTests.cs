using Coo.Shared.Infrastructure.Messaging;

namespace Coo.UnitTests.Messaging;

public sealed class PollSpreadTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    [Fact]
    public void An_idle_loop_polls_again_within_its_interval_but_not_before_half_of_it()
    {
        var waits = Enumerable.Range(0, 1_000).Select(_ => PollSpread.Next(Poll)).ToList();

        Assert.All(waits, wait => Assert.InRange(wait, Poll / 2, Poll));
    }

    [Fact]
    public void Loops_that_started_together_draw_waits_spread_over_the_second_half_of_the_interval()
    {
        // Forty loops, as many as the host runs: equal waits would keep them polling together for as long as it runs.
        var waits = Enumerable.Range(0, 40).Select(_ => PollSpread.Next(Poll)).ToList();

        Assert.True(waits.Max() - waits.Min() > Poll / 4, $"forty waits within {waits.Max() - waits.Min()} of each other");
    }
}
