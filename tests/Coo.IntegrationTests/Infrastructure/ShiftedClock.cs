namespace Coo.IntegrationTests.Infrastructure;

/// <summary>
/// The host's clock for tests that need time to pass: the real time plus an offset a test moves forward, so that
/// timers and polling keep running while the host believes minutes have gone by. Milliseconds, as the host's own.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow()
    {
        var now = base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
