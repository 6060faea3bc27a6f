namespace Coo.IntegrationTests.Security;

/// <summary>
/// What a refused request must not change: the row counts of every table a request writes in its own transaction
/// (outbox rows included, so no event leaked out either) and one user's profile text.
/// </summary>
public static class StateSnapshot
{
    private static readonly (string Schema, string Table)[] Tables =
    [
        ("users", "users"), ("users", "refresh_tokens"), ("users", "outbox_messages"),
        ("coos", "coos"), ("coos", "idempotency_keys"), ("coos", "outbox_messages"),
        ("follows", "follows"), ("follows", "outbox_messages"),
        ("analytics", "raw_client_events"),
    ];

    public static async Task<string> TakeAsync(CooApiFactory factory, string username)
    {
        var counts = new List<string>();
        foreach (var (schema, table) in Tables)
        {
            counts.Add($"{schema}.{table}={await DatabaseProbe.CountAsync(factory, table, schema)}");
        }

        using var client = factory.CreateClient();
        var profile = await client.ProfileAsync(username);
        return $"{string.Join(", ", counts)}; {username}: '{profile.DisplayName}' '{profile.Bio}'";
    }
}
