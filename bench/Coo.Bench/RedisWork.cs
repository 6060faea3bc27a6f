using System.Globalization;
using StackExchange.Redis;

namespace Coo.Bench;

/// <summary>
/// What Redis did, from its own counters: the commands it ran (those a script calls included), the scripts and publishes
/// among them, and the bytes in and out. Divided by the coos a load wrote, they say what a post
/// costs Redis whatever the machine's speed. The counters are server-wide, so nothing else should use Redis meanwhile.
/// </summary>
internal sealed record RedisWork(long Commands, long Scripts, long Publishes, long BytesIn, long BytesOut)
{
    public static async Task<RedisWork> ReadAsync(string connectionString)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AllowAdmin = true; // INFO is an admin command to the client
        await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var server = redis.GetServers()[0];
        var stats = Fields(await server.InfoRawAsync("stats"));
        var commands = Fields(await server.InfoRawAsync("commandstats"));
        long Calls(string command) =>
            commands.TryGetValue($"cmdstat_{command}", out var value)
                ? long.Parse(value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture)
                : 0;

        // The client's own INFO calls and connection set-up are a handful of commands, nothing beside a load's thousands.
        return new RedisWork(
            long.Parse(stats["total_commands_processed"], CultureInfo.InvariantCulture),
            Calls("evalsha") + Calls("eval"),
            Calls("publish"),
            long.Parse(stats["total_net_input_bytes"], CultureInfo.InvariantCulture),
            long.Parse(stats["total_net_output_bytes"], CultureInfo.InvariantCulture));
    }

    public RedisWork Since(RedisWork before) => new(
        Commands - before.Commands, Scripts - before.Scripts, Publishes - before.Publishes, BytesIn - before.BytesIn, BytesOut - before.BytesOut);

    /// <summary>Per coo written, e.g. "61.0 commands run (17.2 scripts, 3.1 publishes), 4.2 KiB in, 2.9 KiB out".</summary>
    public string PerCoo(long coos)
    {
        double Per(long value) => (double)value / Math.Max(coos, 1);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Per(Commands):F1} commands run ({Per(Scripts):F1} scripts, {Per(Publishes):F1} publishes), {Per(BytesIn) / 1024:F1} KiB in, {Per(BytesOut) / 1024:F1} KiB out");
    }

    private static Dictionary<string, string> Fields(string? info) =>
        (info ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#') && line.Contains(':', StringComparison.Ordinal))
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
}
