using System.Globalization;

namespace Coo.Bench;

/// <summary>The data sizes at scale 1; each scale multiplies all three.</summary>
internal sealed record DataSize(int Users, int Follows, int Coos)
{
    public DataSize Times(int scale) => new(Users * scale, Follows * scale, Coos * scale);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Users:N0} users, {Follows:N0} follows, {Coos:N0} coos");
}

internal sealed record BenchOptions(
    string HostDll,
    IReadOnlyList<string> Modes,
    DataSize Size,
    IReadOnlyList<int> Scales,
    int Readers,
    int Connections,
    int Posters,
    TimeSpan WarmUp,
    TimeSpan Duration,
    TimeSpan Settle,
    TimeSpan SettleMax,
    int Rounds,
    int Followers,
    int Posts,
    int Likers,
    IReadOnlyList<int> Streams,
    int LivePosts,
    int Notifications,
    string? PostgreSql,
    string? Redis,
    string ReportPath,
    bool Profile)
{
    private static readonly HashSet<string> OptionNames =
    [
        "host", "mode", "scale", "users", "follows", "coos", "readers", "connections", "posters", "warmup", "duration", "settle", "settle-max",
        "rounds", "followers", "posts", "likers", "streams", "live-posts", "notifications", "report", "profile",
    ];

    /// <summary>Reads <c>--name value</c> pairs; a name it does not know, or one without a value, is refused rather than ignored.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : "";
            if (!OptionNames.Contains(name) || i + 1 == args.Length)
            {
                throw new ArgumentException($"'{args[i]}' is not an option followed by its value; the options are --{string.Join(", --", OptionNames)} (bench/run.sh --help)");
            }

            values[name] = args[i + 1];
        }

        string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);
        int Number(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

        var postgreSql = Environment.GetEnvironmentVariable("COO_BENCH_POSTGRES");
        var modes = Get("mode", postgreSql is null ? "embedded" : "both") switch
        {
            "embedded" => ["embedded"],
            "server" => ["server"],
            "both" => new[] { "embedded", "server" },
            _ => throw new ArgumentException("--mode is embedded, server or both"),
        };
        if (modes.Contains("server") && postgreSql is null)
        {
            throw new ArgumentException("server mode needs COO_BENCH_POSTGRES (a connection string without Database=)");
        }

        var scales = Get("scale", "1").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Order().ToArray();
        if (scales[0] < 1)
        {
            throw new ArgumentException("--scale lists whole numbers of at least 1, e.g. 1,10");
        }

        var streams = Get("streams", "1000,2000,5000").Split(',').Select(s => int.Parse(s, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).Distinct().Order().ToArray();
        if (streams[0] < 1)
        {
            throw new ArgumentException("--streams lists how many idle streams to hold at each step, e.g. 1000,2000,5000");
        }

        return new BenchOptions(
            values.TryGetValue("host", out var dll) ? Path.GetFullPath(dll) : throw new ArgumentException("--host <path to Coo.Host.dll> is required"),
            modes,
            new DataSize(Number("users", 10_000), Number("follows", 200_000), Number("coos", 100_000)),
            scales,
            Number("readers", 256),
            Number("connections", 32),
            Number("posters", 8),
            TimeSpan.FromSeconds(Number("warmup", 5)),
            TimeSpan.FromSeconds(Number("duration", 15)),
            TimeSpan.FromSeconds(Number("settle", 30)),
            TimeSpan.FromSeconds(Number("settle-max", 180)),
            Number("rounds", 3) is var rounds and >= 1 ? rounds : throw new ArgumentException("--rounds is a whole number of at least 1"),
            Number("followers", 1000),
            Number("posts", 30),
            Number("likers", 1000),
            streams,
            Number("live-posts", 50),
            Number("notifications", 10_000),
            postgreSql,
            Environment.GetEnvironmentVariable("COO_BENCH_REDIS"),
            Path.GetFullPath(Get("report", "artifacts/bench/report.md")),
            Get("profile", "no") == "yes");
    }
}
