using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace Coo.IntegrationTests.Browser;

/// <summary>Runs axe-core on the current state of a page; serious and critical violations fail the test.</summary>
public static class Accessibility
{
    private const int SnippetLength = 200;

    // Compact, JSON-safe results: axe's own objects hold DOM references that do not serialize.
    private const string RunAxe = """
        async () => {
          const results = await axe.run(document, { resultTypes: ['violations'] });
          return JSON.stringify(results.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({ target: n.target.map(t => [].concat(t).join(' ')), html: n.html })),
          })));
        }
        """;

    public static async Task AssertAccessibleAsync(IPage page, string screenName)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            // Evaluated through the DevTools protocol rather than added as a <script>: the client's
            // Content-Security-Policy rightly forbids inline scripts, and the check must not weaken it.
            await page.EvaluateAsync(await AxeCore.ScriptAsync());
            if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            {
                throw new XunitException($"axe-core did not load into {screenName} ({page.Url}).");
            }
        }

        var violations = JsonSerializer.Deserialize<List<Violation>>(await page.EvaluateAsync<string>(RunAxe), JsonSerializerOptions.Web)!;
        var blocking = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (blocking.Count > 0)
        {
            throw new XunitException(Describe(screenName, page.Url, blocking));
        }
    }

    private static string Describe(string screenName, string url, List<Violation> violations)
    {
        var text = new StringBuilder($"{violations.Count} serious or critical accessibility violation(s) on {screenName} ({url}):");
        foreach (var violation in violations)
        {
            text.AppendLine().Append(
                CultureInfo.InvariantCulture,
                $"- {violation.Id} [{violation.Impact}]: {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                var html = node.Html.Length > SnippetLength ? node.Html[..SnippetLength] + "…" : node.Html;
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"    at {string.Join(", ", node.Target)}: {html}");
            }
        }

        return text.ToString();
    }

    private sealed record Violation(string Id, string? Impact, string Help, string HelpUrl, List<ViolationNode> Nodes);

    private sealed record ViolationNode(List<string> Target, string Html);
}
