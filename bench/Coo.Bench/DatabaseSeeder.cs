using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Coo.Bench;

/// <summary>One module's table and the columns the seeder fills, named as the module's migrations create them.</summary>
internal sealed record SeedTable(string Schema, string Name, params string[] Columns);

/// <summary>Bulk writes rows into a database the host has migrated and does not use meanwhile.</summary>
internal interface ISeedTarget : IAsyncDisposable
{
    Task WriteAsync(SeedTable table, IEnumerable<object?[]> rows);

    /// <summary>Commits, and runs what a database restore runs afterwards.</summary>
    Task CompleteAsync();

    /// <summary>Outbox rows waiting for delivery in one module: seeding must leave none.</summary>
    Task<long> PendingOutboxMessagesAsync(string schema);
}

/// <summary>
/// Writes a generated dataset into every module's tables as the application would have left them, bypassing the API
/// (millions of rows through HTTP would take hours): users with one shared password hash made by the app's hasher,
/// follows with the Follows module's counters, coos with the Coos module's author counters, and the Timeline module's
/// follow projection and home timelines; and one user's notifications (<see cref="NotificationSeed"/>). No outbox or
/// inbox rows: every event these rows stand for counts as delivered.
/// </summary>
internal static class DatabaseSeeder
{
    private static readonly string[] Modules = ["users", "coos", "follows", "timeline", "notifications"];

    public static async Task SeedAsync(ISeedTarget target, SeedData data, NotificationSeed notifications, int maxTimelineEntries)
    {
        // The Users module's hasher: PasswordHasher<User> with default options (its type argument changes nothing).
        var passwordHash = new PasswordHasher<object>().HashPassword(new object(), SeedData.Password);
        var clock = Stopwatch.StartNew();
        async Task Write(SeedTable table, IEnumerable<object?[]> rows)
        {
            await target.WriteAsync(table, rows);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded {table.Schema}.{table.Name} ({clock.Elapsed.TotalSeconds:F0} s)"));
        }

        await Write(
            new SeedTable("users", "users", "id", "username", "normalized_username", "email", "normalized_email", "password_hash", "display_name", "bio", "created_at", "failed_sign_in_count", "locked_out_until"),
            Enumerable.Range(0, data.UserCount).Select(user =>
            {
                var (id, username) = (data.UserId(user), SeedData.Username(user));
                var email = $"{username}@bench.example";
                return new object?[] { id, username, username.ToUpperInvariant(), email, email.ToUpperInvariant(), passwordHash, $"User {user}", "", SeedData.CreatedAt(id), 0, null };
            }));

        await Write(
            new SeedTable("follows", "follows", "follower_id", "followee_id", "id", "created_at"),
            data.Follows().Select(f => new object?[] { data.UserId(f.Follower), data.UserId(f.Followee), f.Id, SeedData.CreatedAt(f.Id) }));

        // The Follows module creates both users' counters on their first follow, so users never in a follow have none.
        var (followerCounts, followingCounts) = data.FollowCounts();
        await Write(
            new SeedTable("follows", "follow_counts", "user_id", "followers_count", "following_count"),
            Enumerable.Range(0, data.UserCount).Where(u => followerCounts[u] + followingCounts[u] > 0)
                .Select(u => new object?[] { data.UserId(u), followerCounts[u], followingCounts[u] }));

        await Write(
            new SeedTable("coos", "coos", "id", "author_id", "text", "created_at"),
            data.Coos().Select(c => new object?[] { c.Id, data.UserId(c.Author), SeedData.CooText(c.Id), SeedData.CreatedAt(c.Id) }));

        var coosPerAuthor = data.CoosPerAuthor();
        await Write(
            new SeedTable("coos", "author_stats", "author_id", "coos_count"),
            Enumerable.Range(0, data.UserCount).Where(u => coosPerAuthor[u] > 0).Select(u => new object?[] { data.UserId(u), coosPerAuthor[u] }));

        // Each edge carries the id of the follow that made it, as the UserFollowed consumer records it.
        await Write(
            new SeedTable("timeline", "follow_edges", "follower_id", "followee_id", "follow_id", "is_active"),
            data.Follows().Select(f => new object?[] { data.UserId(f.Follower), data.UserId(f.Followee), f.Id, true }));

        var horizons = new List<(long Owner, long Horizon)>();
        await Write(
            new SeedTable("timeline", "entries", "owner_id", "coo_id", "author_id", "position"),
            data.Timelines(maxTimelineEntries).SelectMany(timeline =>
            {
                var owner = data.UserId(timeline.Owner);
                if (timeline.Horizon is { } horizon)
                {
                    horizons.Add((owner, horizon));
                }

                // A coo in its own right is placed at its own id (a repost, at the repost's).
                return timeline.Entries.Select(e => new object?[] { owner, e.CooId, data.UserId(e.Author), e.CooId });
            }));

        await Write(
            new SeedTable("timeline", "horizons", "owner_id", "complete_from_coo_id"),
            horizons.Select(h => new object?[] { h.Owner, h.Horizon }));

        await Write(NotificationSeed.GroupsTable, notifications.Groups);
        await Write(NotificationSeed.SourcesTable, notifications.Sources());

        await target.CompleteAsync();
        foreach (var module in Modules)
        {
            var pending = await target.PendingOutboxMessagesAsync(module);
            if (pending != 0)
            {
                throw new InvalidOperationException($"{pending} outbox messages of {module} wait for delivery after seeding.");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeding done in {clock.Elapsed.TotalSeconds:F0} s; no outbox message pending"));
    }
}
