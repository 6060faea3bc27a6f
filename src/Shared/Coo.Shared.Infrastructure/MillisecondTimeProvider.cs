namespace Coo.Shared.Infrastructure;

/// <summary>
/// The system clock truncated to whole milliseconds: every provider stores that exactly (SQLite's integer
/// encoding keeps less than .NET's 100 ns ticks), so a timestamp reads back as it was first returned.
/// </summary>
internal sealed class MillisecondTimeProvider : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
