namespace Coo.IntegrationTests.Security;

/// <summary>
/// What a refused request must not change: the row counts of every table a request writes in its own transaction
/// (outbox rows included, so no event leaked out either) and one user's display name and bio.
/// </summary>
public static class StateSnapshot
{
    private static readonly (string Schema, string Table)[] Tables =
    [
        ("users", "users"), ("users", "refresh_tokens"), ("users", "outbox_messages"),
        ("coos", "coos"), ("coos", "idempotency_keys"), ("coos", "pins"), ("coos", "outbox_messages"),
        ("follows", "follows"), ("follows", "outbox_messages"),
        ("reactions", "reactions"), ("reactions", "reaction_counts"), ("reactions", "outbox_messages"),
        ("media", "media_items"), ("media", "sweep_candidates"), ("media", "avatars"), ("media", "outbox_messages"),
        ("analytics", "raw_client_events"),
    ];

    /// <param name="username">A user whose display name and bio are watched too (a test's own name, never input).</param>
    public static async Task<string> TakeAsync(CooApiFactory factory, string username)
    {
        string Table(string schema, string table) => factory.Provider == TestProvider.Sqlite ? $"{schema}_{table}" : $"{schema}.{table}";
        var counts = Tables.Select(t => $"(SELECT COUNT(*) FROM {Table(t.Schema, t.Table)})");
        var profile = $"(SELECT display_name || '|' || bio FROM {Table("users", "users")} WHERE username = '{username}')";
        await using var connection = factory.OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", counts)}, {profile}";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return string.Join(", ", Tables.Select((t, i) => $"{t.Schema}.{t.Table}={reader.GetValue(i)}")) + $"; {username}: {reader.GetValue(Tables.Length)}";
    }
}
