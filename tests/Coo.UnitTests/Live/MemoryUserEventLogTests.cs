using Coo.Shared.Infrastructure.Live;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Coo.UnitTests.Live;

/// <summary>The rules of a user's event log, on the embedded log with a fake clock: what is kept, for whom, how long.</summary>
public sealed class MemoryUserEventLogTests
{
    private const long Ada = 1;
    private const long Grace = 2;
    private static readonly TimeSpan Linger = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-03T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly MemoryUserEventLog _log;

    public MemoryUserEventLogTests() =>
        _log = new MemoryUserEventLog(Options.Create(new LiveOptions { Linger = Linger, LogLength = 3, MaxStreamsPerUser = 2 }), _clock);

    [Fact]
    public async Task Only_users_who_listen_get_events_and_a_listener_gets_them_in_order()
    {
        await using var ada = await ListenAsync(Ada);
        await _log.AppendAsync([Ada, Grace], UserEventKind.HomeCooAdded, 10, CancellationToken.None);
        await _log.AppendAsync([Ada], UserEventKind.HomeCooRemoved, 10, CancellationToken.None);

        var batch = await ada.NextAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.False(batch.Gap);
        Assert.Equal([(UserEventKind.HomeCooAdded, 10L), (UserEventKind.HomeCooRemoved, 10L)], batch.Events.Select(e => (e.Kind, e.SubjectId)));
        Assert.True(batch.Events[0].Id < batch.Events[1].Id);

        // Grace never listened: nothing was kept for her, so resuming anything is a gap.
        await using var grace = await ListenAsync(Grace, batch.Events[0].Id);
        Assert.True((await grace.NextAsync(TimeSpan.Zero, CancellationToken.None)).Gap);
    }

    [Fact]
    public async Task A_reconnect_within_the_linger_resumes_after_its_last_event_and_later_it_is_a_gap()
    {
        UserEventId lastSeen;
        await using (var first = await ListenAsync(Ada))
        {
            await _log.AppendAsync([Ada], UserEventKind.HomeCooAdded, 1, CancellationToken.None);
            lastSeen = (await first.NextAsync(TimeSpan.Zero, CancellationToken.None)).Events.Single().Id;
        }

        await _log.AppendAsync([Ada], UserEventKind.HomeCooAdded, 2, CancellationToken.None);
        _clock.Advance(Linger - TimeSpan.FromSeconds(1));
        await using (var resumed = await ListenAsync(Ada, lastSeen))
        {
            var batch = await resumed.NextAsync(TimeSpan.Zero, CancellationToken.None);
            Assert.False(batch.Gap);
            Assert.Equal([2L], batch.Events.Select(e => e.SubjectId));
            lastSeen = batch.Events[0].Id;
        }

        _clock.Advance(Linger + TimeSpan.FromSeconds(1));
        await _log.AppendAsync([Ada], UserEventKind.HomeCooAdded, 3, CancellationToken.None); // Not kept: nobody listens.
        await using var late = await ListenAsync(Ada, lastSeen);
        var afterLinger = await late.NextAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.True(afterLinger.Gap);
        Assert.Empty(afterLinger.Events);
    }

    [Fact]
    public async Task A_listener_further_behind_than_the_log_keeps_gets_a_gap()
    {
        await using var open = await ListenAsync(Ada);
        await _log.AppendAsync([Ada], UserEventKind.HomeCooAdded, 1, CancellationToken.None);
        var first = (await open.NextAsync(TimeSpan.Zero, CancellationToken.None)).Events.Single().Id;
        for (var coo = 2; coo <= 5; coo++)
        {
            await _log.AppendAsync([Ada], UserEventKind.HomeCooAdded, coo, CancellationToken.None);
        }

        await using var behind = await ListenAsync(Ada, first);
        Assert.True((await behind.NextAsync(TimeSpan.Zero, CancellationToken.None)).Gap);
    }

    [Fact]
    public async Task A_user_may_hold_only_so_many_streams_and_one_more_once_one_closes()
    {
        var first = await ListenAsync(Ada);
        await using var second = await ListenAsync(Ada);
        Assert.Null(await _log.ListenAsync(Ada, null, CancellationToken.None));

        await first.DisposeAsync();
        await using var third = await ListenAsync(Ada);
    }

    [Fact]
    public async Task An_append_wakes_a_waiting_listener()
    {
        await using var ada = await ListenAsync(Ada);
        var waiting = ada.NextAsync(TimeSpan.FromMinutes(10), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        await _log.AppendAsync([Ada], UserEventKind.NotificationsChanged, 7, CancellationToken.None);
        var batch = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([7L], batch.Events.Select(e => e.SubjectId));
    }

    private async Task<IUserEventListener> ListenAsync(long userId, UserEventId? lastEventId = null) =>
        await _log.ListenAsync(userId, lastEventId, CancellationToken.None) ?? throw new InvalidOperationException("refused");
}
