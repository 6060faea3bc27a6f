namespace Coo.Bench;

/// <summary>Nearest-rank percentiles and the maximum, hand-written (no statistics package is needed for four numbers).</summary>
internal sealed record Percentiles(double P50, double P90, double P99, double Max)
{
    public static Percentiles Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            return new Percentiles(double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = samples.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Percentiles(At(0.50), At(0.90), At(0.99), sorted[^1]);
    }
}
