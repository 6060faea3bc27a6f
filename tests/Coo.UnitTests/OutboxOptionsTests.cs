using Coo.Shared.Infrastructure.Messaging;

namespace Coo.UnitTests;

public sealed class OutboxOptionsTests
{
    [Fact]
    public void Retry_delay_doubles_per_attempt_within_jitter_and_stops_at_the_maximum()
    {
        var options = new OutboxOptions { RetryBaseDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromSeconds(30) };

        Assert.InRange(options.RetryDelay(1).TotalSeconds, 0.8, 1.2);
        Assert.InRange(options.RetryDelay(3).TotalSeconds, 3.2, 4.8);
        Assert.InRange(options.RetryDelay(50).TotalSeconds, 24, 36);
    }
}
