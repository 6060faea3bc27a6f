using Npgsql;

namespace Coo.IntegrationTests.Timelines;

/// <summary>
/// A follow and an unfollow of one follower, handled at the same moment, leave the timeline as one after the other
/// would. The follow merges the followee's replies to the people the follower follows; the unfollow takes replies to
/// the one unfollowed off. PostgreSQL only: SQLite runs one write transaction at a time, so they cannot overlap there.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FollowChangeRaceTests(ApiFixture fixture)
{
    /// <summary>Locks are listed for the whole server: only this database's count.</summary>
    private const string InThisDatabase = "l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    [Fact]
    public async Task A_follow_that_merges_a_reply_while_the_one_replied_to_is_unfollowed_leaves_no_reply_behind()
    {
        var factory = await fixture.StartAsync(TestProvider.PostgreSql);
        using var client = factory.CreateClient();
        var cat = await client.CreateUserAsync("f_cat");
        var eve = await client.CreateUserAsync("f_eve");
        var fay = await client.CreateUserAsync("f_fay");
        await client.FollowOkAsync(cat, "f_fay");
        var question = await client.PostCooOkAsync(fay, "fay asks");
        await ReplyVisibilityTests.ReplyOkAsync(client, eve, "eve answers fay", question.Id);
        await client.PostCooOkAsync(eve, "eve alone");
        await OutboxDrain.WaitAsync(factory);

        // Holding the coos table keeps the follow's merge waiting after it read whom the follower follows (fay still)
        // and before it reads eve's coos: the unfollow of fay is handled in between, as it could be without this lock.
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using (var holding = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, "LOCK TABLE coos.coos IN ACCESS EXCLUSIVE MODE");
            await client.FollowOkAsync(cat, "f_eve");
            await Eventually.MatchAsync(
                () => CountAsync(factory, $"SELECT count(*) FROM pg_locks AS l WHERE {InThisDatabase} AND l.relation = 'coos.coos'::regclass AND NOT l.granted"),
                waiting => waiting > 0,
                what: "the follow's merge to wait for the coos table");

            await client.UnfollowOkAsync(cat, "f_fay");
            const string unfollowHandled = "SELECT count(*) FROM timeline.inbox_messages WHERE event_name LIKE '%unfollowed%' AND processed_at IS NOT NULL";
            const string unfollowWaiting = $"SELECT count(*) FROM pg_locks AS l WHERE {InThisDatabase} AND l.locktype = 'advisory' AND NOT l.granted";
            await Eventually.MatchAsync(
                async () => await CountAsync(factory, unfollowHandled) + await CountAsync(factory, unfollowWaiting),
                handledOrWaiting => handledOrWaiting > 0,
                what: "the unfollow to be handled, or to wait for the follow");
            await holding.CommitAsync();
        }

        await OutboxDrain.WaitAsync(factory);
        await client.HomeTimelineBecomesAsync(cat, "eve alone");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(CooApiFactory factory, string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
