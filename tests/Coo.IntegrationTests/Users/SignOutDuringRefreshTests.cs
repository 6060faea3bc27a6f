using System.Data.Common;

namespace Coo.IntegrationTests.Users;

/// <summary>
/// Signing out while a refresh of the same session is committing (two tabs): on PostgreSQL the sign-out waits for the
/// rotation's claim, and must then revoke the successor that rotation stored, which it could not see when it began.
/// SQLite runs one writer at a time, so the two cannot overlap there.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SignOutDuringRefreshTests(ApiFixture fixture)
{
    private const int RotationGate = 4242;

    [Fact]
    public async Task A_sign_out_during_a_refresh_also_revokes_the_refresh_token_that_refresh_hands_out()
    {
        var factory = await fixture.StartAsync(TestProvider.PostgreSql);
        using var client = factory.CreateClient();
        var user = await client.CreateUserAsync("rita");

        // A new refresh token's insert waits, inside its rotation's transaction, for a lock this test holds.
        await using var gate = factory.OpenConnectionFor("users");
        await gate.OpenAsync();
        await ExecuteAsync(gate, $"""
            CREATE OR REPLACE FUNCTION users.hold_rotation() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN PERFORM pg_advisory_xact_lock_shared({RotationGate}); RETURN NEW; END $$;
            DROP TRIGGER IF EXISTS hold_rotation ON users.refresh_tokens;
            CREATE TRIGGER hold_rotation BEFORE INSERT ON users.refresh_tokens FOR EACH ROW EXECUTE FUNCTION users.hold_rotation();
            SELECT pg_advisory_lock({RotationGate});
            """);
        try
        {
            var refresh = client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.Tokens.RefreshToken });
            await WaitUntilWaitingAsync(gate, $"locktype = 'advisory' AND objid = {RotationGate}", "the rotation to hold its claim, waiting at the gate");
            var signOut = client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = user.Tokens.RefreshToken });
            await WaitUntilWaitingAsync(gate, "locktype = 'transactionid'", "the sign-out to wait for the rotation");
            await ExecuteAsync(gate, $"SELECT pg_advisory_unlock({RotationGate})");

            using var refreshed = await refresh;
            using var signedOut = await signOut;
            Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
            var successor = (await refreshed.Content.ReadFromJsonAsync<Tokens>())!.RefreshToken;
            using var afterSignOut = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = successor });
            Assert.Equal(HttpStatusCode.Unauthorized, afterSignOut.StatusCode);
        }
        finally
        {
            await ExecuteAsync(gate, "SELECT pg_advisory_unlock_all(); DROP TRIGGER hold_rotation ON users.refresh_tokens; DROP FUNCTION users.hold_rotation()");
        }
    }

    /// <summary>Until a session of this database waits for a lock of the kind <paramref name="lockFilter"/> names.</summary>
    private static async Task WaitUntilWaitingAsync(DbConnection connection, string lockFilter, string what) =>
        await Eventually.MatchAsync(
            async () =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"""
                    SELECT count(*) FROM pg_locks JOIN pg_stat_activity USING (pid)
                    WHERE NOT granted AND datname = current_database() AND {lockFilter}
                    """;
                return (long)(await command.ExecuteScalarAsync())!;
            },
            waiting => waiting > 0,
            what: what);

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
