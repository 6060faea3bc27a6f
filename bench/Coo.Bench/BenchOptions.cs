using System.Globalization;

namespace Coo.Bench;

internal sealed record BenchOptions(string HostDll, string Mode, int Followers, int Posts, string? PostgreSql, string? Redis)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);
        var mode = Get("mode", "embedded");
        if (mode is not ("embedded" or "server"))
        {
            throw new ArgumentException("--mode is embedded or server");
        }

        return new BenchOptions(
            values.TryGetValue("host", out var dll) ? Path.GetFullPath(dll) : throw new ArgumentException("--host <path to Coo.Host.dll> is required"),
            mode,
            int.Parse(Get("followers", "1000"), CultureInfo.InvariantCulture),
            int.Parse(Get("posts", "30"), CultureInfo.InvariantCulture),
            Environment.GetEnvironmentVariable("COO_BENCH_POSTGRES"),
            Environment.GetEnvironmentVariable("COO_BENCH_REDIS"));
    }
}
