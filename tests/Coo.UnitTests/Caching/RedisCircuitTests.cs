using Coo.Shared.Infrastructure.Caching;
using Microsoft.Extensions.Time.Testing;

namespace Coo.UnitTests.Caching;

public sealed class RedisCircuitTests
{
    private static readonly TimeSpan BreakAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void A_burst_of_failures_shorter_than_the_break_after_time_leaves_Redis_in_use()
    {
        var circuit = new RedisCircuit(_clock, BreakAfter, BreakDuration);

        for (var i = 0; i < 50; i++)
        {
            Assert.False(circuit.Failed());
            _clock.Advance(TimeSpan.FromMilliseconds(19));
        }

        Assert.False(circuit.IsOpen);
    }

    [Fact]
    public void Failures_in_a_row_for_the_break_after_time_bypass_Redis_for_the_break_duration_then_one_call_is_tried()
    {
        var circuit = new RedisCircuit(_clock, BreakAfter, BreakDuration);

        for (var i = 0; i < RedisCircuit.MinimumFailures; i++)
        {
            Assert.False(circuit.Failed());
            _clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        Assert.True(circuit.Failed());
        Assert.True(circuit.IsOpen);

        _clock.Advance(BreakDuration - TimeSpan.FromMilliseconds(1));
        Assert.True(circuit.IsOpen);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(circuit.IsOpen);

        Assert.False(circuit.Failed()); // Opens again at once, without saying so again.
        Assert.True(circuit.IsOpen);
    }

    [Fact]
    public void A_success_ends_the_run_of_failures_and_closes_an_open_breaker()
    {
        var circuit = new RedisCircuit(_clock, BreakAfter, BreakDuration);
        for (var i = 0; i < 10; i++)
        {
            circuit.Failed();
            _clock.Advance(TimeSpan.FromMilliseconds(300));
        }

        Assert.True(circuit.IsOpen);
        _clock.Advance(BreakDuration);
        Assert.True(circuit.Succeeded());
        Assert.False(circuit.Succeeded());

        for (var i = 0; i < 10; i++)
        {
            Assert.False(circuit.Failed()); // A new run: its own first failure is less than a second ago.
            _clock.Advance(TimeSpan.FromMilliseconds(90));
        }

        Assert.False(circuit.IsOpen);
    }

    [Fact]
    public void A_single_slow_failure_does_not_open_the_breaker_however_long_it_took()
    {
        var circuit = new RedisCircuit(_clock, BreakAfter, BreakDuration);

        Assert.False(circuit.Failed());
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.False(circuit.Failed());
        Assert.False(circuit.Failed());

        Assert.False(circuit.IsOpen);
        Assert.True(circuit.Failed()); // The fourth in a row, three seconds into the run.
    }
}
