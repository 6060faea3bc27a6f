using System.Diagnostics;

namespace Coo.Bench;

/// <summary>
/// How long a load runs unmeasured before its measured run: a fixed time, or until tiered compilation has settled.
/// A fixed time for the JIT misleads both ways: under sustained posting on 2 cores the host compiled thousands of
/// methods a second for 70–100 s after its start, far longer than the reads needed.
/// </summary>
internal sealed record WarmUp(TimeSpan Minimum, TimeSpan Maximum)
{
    /// <summary>
    /// Even an idle host compiles a few methods a second (about 5 here: timers' callbacks, background work, rare paths
    /// reaching tier 1), so a host counts as settled below this rate rather than at zero.
    /// </summary>
    public const double JitSettledMethodsPerSecond = 10;

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    public static WarmUp Fixed(TimeSpan time) => new(time, time);

    /// <summary>At least <c>--settle</c>, then until a 10 s step compiles few methods, at most <c>--settle-max</c>.</summary>
    public static WarmUp UntilJitSettles(BenchOptions options) => new(options.Settle, options.SettleMax);

    /// <summary>Runs <paramref name="load"/> (given how long to run) until this warm-up is over; returns how long it ran.</summary>
    public async Task<TimeSpan> RunAsync(BenchHost host, Func<TimeSpan, Task> load)
    {
        var clock = Stopwatch.StartNew();
        if (Maximum <= Minimum)
        {
            if (Minimum > TimeSpan.Zero)
            {
                await load(Minimum);
            }

            return clock.Elapsed;
        }

        // The minimum's last step is the first one checked, so a host settled in time costs no more than the minimum.
        if (Minimum > Step)
        {
            await load(Minimum - Step);
        }

        while (true)
        {
            var compiledBefore = await RuntimeCounters.ReadAsync(host, RuntimeCounters.CompiledMethodsMetric);
            var step = Stopwatch.StartNew();
            await load(Step);
            var compiled = await RuntimeCounters.ReadAsync(host, RuntimeCounters.CompiledMethodsMetric) - compiledBefore;
            var rate = compiled / step.Elapsed.TotalSeconds;
            var settled = rate <= JitSettledMethodsPerSecond;
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"    warming up: {clock.Elapsed.TotalSeconds:F0} s, {rate:F0} methods JIT-compiled a second in the last step"));
            if ((settled && clock.Elapsed >= Minimum) || clock.Elapsed + Step > Maximum)
            {
                return clock.Elapsed;
            }
        }
    }
}
