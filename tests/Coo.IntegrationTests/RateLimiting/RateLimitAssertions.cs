using System.Globalization;
using System.Text.Json;

namespace Coo.IntegrationTests.RateLimiting;

internal static class RateLimitAssertions
{
    /// <summary>The response carries the quota it was counted against: limit, what is left, seconds to the reset.</summary>
    public static void HasQuota(HttpResponseMessage response, int limit, int remaining, TimeSpan window)
    {
        Assert.Equal(limit.ToString(CultureInfo.InvariantCulture), Header(response, "RateLimit-Limit"));
        Assert.Equal(remaining.ToString(CultureInfo.InvariantCulture), Header(response, "RateLimit-Remaining"));
        var reset = int.Parse(Header(response, "RateLimit-Reset")!, CultureInfo.InvariantCulture);
        Assert.InRange(reset, 1, (int)window.TotalSeconds);
    }

    /// <summary>429, RFC 9457 problem details, Retry-After within the window, and an exhausted quota.</summary>
    public static async Task IsRejectedAsync(HttpResponseMessage response, int limit, TimeSpan window)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("urn:coo:problem:rate-limited", problem.GetProperty("type").GetString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.String, problem.GetProperty("correlationId").ValueKind);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), window);
        HasQuota(response, limit, 0, window);
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}
