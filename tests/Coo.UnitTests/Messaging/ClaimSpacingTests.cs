using Coo.Shared.Infrastructure.Messaging;
using Microsoft.Extensions.Time.Testing;

namespace Coo.UnitTests.Messaging;

public sealed class ClaimSpacingTests
{
    private static readonly OutboxOptions Options = new() { BatchSize = 10, BusyClaimInterval = TimeSpan.FromMilliseconds(50) };

    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void A_queue_whose_last_claim_found_nothing_claims_at_once()
    {
        var claimStarted = _clock.GetTimestamp();

        Assert.True(ClaimSpacing.WaitAsync(_clock, claimStarted, claimed: 0, Options.BatchSize, Options.BusyClaimInterval, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void A_queue_whose_last_claim_was_full_goes_straight_on()
    {
        var claimStarted = _clock.GetTimestamp();

        Assert.True(ClaimSpacing.WaitAsync(_clock, claimStarted, claimed: Options.BatchSize, Options.BatchSize, Options.BusyClaimInterval, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void A_busy_queue_claims_again_only_once_the_interval_since_its_last_claim_has_passed()
    {
        var claimStarted = _clock.GetTimestamp();
        _clock.Advance(TimeSpan.FromMilliseconds(30)); // The last batch took 30 ms.

        var waiting = ClaimSpacing.WaitAsync(_clock, claimStarted, claimed: 3, Options.BatchSize, Options.BusyClaimInterval, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(19));
        Assert.False(waiting.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(waiting.IsCompleted);
    }

    [Fact]
    public void A_busy_queue_whose_last_batch_outlasted_the_interval_claims_at_once()
    {
        var claimStarted = _clock.GetTimestamp();
        _clock.Advance(TimeSpan.FromMilliseconds(80));

        Assert.True(ClaimSpacing.WaitAsync(_clock, claimStarted, claimed: 3, Options.BatchSize, Options.BusyClaimInterval, CancellationToken.None).IsCompleted);
    }
}
