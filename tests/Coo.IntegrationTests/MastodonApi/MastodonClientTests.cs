using Coo.IntegrationTests.Browser;

namespace Coo.IntegrationTests.MastodonApi;

/// <summary>
/// Client libraries nobody here wrote, each through a whole scenario against Coo on loopback: register an app, get a
/// token by the password grant, verify credentials, follow, post, reply, favourite, reblog, read the home timeline over
/// two pages with the library's own paging, read notifications and delete. The libraries parse every answer into
/// their own types, so a field of the wrong shape fails the scenario. Each starts a host of its own.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class MastodonClientTests
{
    [Fact]
    public async Task Mastodon_py_runs_the_whole_scenario()
    {
        MastodonClients.Require(MastodonClients.MastodonPyInstalled, "Debian's python3-mastodon (apt-get install python3-mastodon)");
        await RunScenarioAsync("py", MastodonClients.DebianPython, [MastodonClients.ScriptPath("mastodon_py_scenario.py")]);
    }

    [Fact]
    public async Task Toot_runs_the_whole_scenario()
    {
        MastodonClients.Require(MastodonClients.TootInstalled, "Debian's toot (apt-get install toot)");
        await RunScenarioAsync("toot", "bash", [MastodonClients.ScriptPath("toot_scenario.sh")]);
    }

    [Fact]
    public async Task Masto_js_runs_the_whole_scenario()
    {
        MastodonClients.Require(MastodonClients.MastoInstalled, $"masto (npm install --prefix {MastodonClients.NpmPrefix} masto@{MastodonClients.MastoVersion})");
        await RunNodeScenarioAsync("js", "masto_scenario.mjs");
    }

    [Fact]
    public async Task Megalodon_runs_the_whole_scenario_with_tokens_from_the_consent_page()
    {
        MastodonClients.Require(MastodonClients.MegalodonInstalled, $"megalodon (npm install --prefix {MastodonClients.NpmPrefix} megalodon@{MastodonClients.MegalodonVersion})");
        await RunNodeScenarioAsync("mg", "megalodon_scenario.mjs");
    }

    private static async Task RunNodeScenarioAsync(string suffix, string scriptName)
    {
        // An ES module resolves its packages from its own folder: the script runs from beside the installed packages,
        // with the steps it imports.
        var script = Path.Combine(MastodonClients.NpmPrefix, $"scenario-{Guid.NewGuid():N}.mjs");
        File.Copy(MastodonClients.ScriptPath("scenario_steps.mjs"), Path.Combine(MastodonClients.NpmPrefix, "scenario_steps.mjs"), overwrite: true);
        File.Copy(MastodonClients.ScriptPath(scriptName), script);
        try
        {
            await RunScenarioAsync(suffix, "node", [script]);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task RunScenarioAsync(string suffix, string executable, string[] arguments)
    {
        // Mastodon.py closes a stream only once its reading thread wakes: a heartbeat a second (Mastodon sends one every
        // 15 s) wakes it at once.
        await using var host = LoopbackHost.Start(new Dictionary<string, string> { ["Streaming:HeartbeatInterval"] = "00:00:01" });
        using var client = host.Api.CreateClient();
        var ada = await client.CreateUserAsync($"ada_{suffix}");
        var bob = await client.CreateUserAsync($"bob_{suffix}");
        var cat = await client.CreateUserAsync($"cat_{suffix}");
        var dan = await client.CreateUserAsync($"dan_{suffix}");

        var (exitCode, output) = await MastodonClients.RunAsync(executable, arguments, new Dictionary<string, string>
        {
            ["COO_URL"] = host.BaseAddress.ToString().TrimEnd('/'),
            ["COO_USER_A"] = ada.Username,
            ["COO_USER_B"] = bob.Username,
            ["COO_USER_C"] = cat.Username,
            ["COO_USER_D"] = dan.Username,
            ["COO_EMAIL_A"] = ada.Email,
            ["COO_EMAIL_B"] = bob.Email,
            ["COO_PASSWORD"] = ada.Password,
        });

        Assert.True(exitCode == 0, $"The scenario exited with {exitCode}:{Environment.NewLine}{output}");
    }
}
