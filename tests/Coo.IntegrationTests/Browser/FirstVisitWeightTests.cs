using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Coo.IntegrationTests.Browser;

/// <summary>A first visit (empty cache) stays small and talks to no one but the host: no CDNs, fonts or trackers.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstVisitWeightTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const long Budget = 150 * 1024;

    [Fact]
    public async Task First_visit_transfers_under_150_KB_from_the_host_alone()
    {
        var session = await NewSessionAsync();
        var requests = new ConcurrentQueue<IRequest>();
        session.Context.Request += (_, request) => requests.Enqueue(request);
        var page = await session.NewPageAsync();

        await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        var transfers = new List<(long Bytes, string Line)>();
        foreach (var request in requests)
        {
            // Playwright has no sizes for a request that got no response; it still counts as a request made.
            var response = await request.ResponseAsync();
            var sizes = response is null ? null : await request.SizesAsync();
            var bytes = sizes is null ? 0L : (long)sizes.ResponseHeadersSize + sizes.ResponseBodySize;
            var status = response?.Status.ToString(CultureInfo.InvariantCulture) ?? $"failed ({request.Failure})";
            transfers.Add((bytes, string.Create(CultureInfo.InvariantCulture, $"{bytes,9:N0} B  {status}  {request.Url}")));
        }

        var total = transfers.Sum(t => t.Bytes);
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first visit: {requests.Count} request(s), {total:N0} B of {Budget:N0} B"));
        transfers.ForEach(t => Output.WriteLine(t.Line));

        var foreign = requests.Select(r => new Uri(r.Url))
            .Where(url => url.Scheme is not ("data" or "blob") && !IsHost(url))
            .Select(url => url.ToString())
            .ToList();
        Assert.True(foreign.Count == 0, $"The first visit reached beyond the host:{Environment.NewLine}{string.Join(Environment.NewLine, foreign)}");
        Assert.True(total < Budget, string.Create(CultureInfo.InvariantCulture, $"The first visit transferred {total:N0} B, over the {Budget:N0} B budget."));
    }

    private bool IsHost(Uri url) =>
        url.Scheme is "http" or "ws" && url.Host == Host.BaseAddress.Host && url.Port == Host.BaseAddress.Port;
}
