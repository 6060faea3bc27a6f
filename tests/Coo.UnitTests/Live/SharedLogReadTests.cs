using Coo.Shared.Infrastructure.Live;

namespace Coo.UnitTests.Live;

/// <summary>
/// The streams of one user on an instance share their reads of the log: one read per ring, not one per stream, and
/// never a read that may lack the events a ring announced.
/// </summary>
public sealed class SharedLogReadTests
{
    private const long Ada = 1;
    private static readonly UserEventId Cursor = new(1000, 0);
    private static readonly IReadOnlyList<UserEvent> OneEvent = [new(new UserEventId(1001, 0), UserEventKind.HomeCooAdded, 7)];

    private readonly LocalListeners _listeners = new();
    private int _reads;

    [Fact]
    public async Task Streams_woken_by_one_ring_at_the_same_cursor_share_one_read()
    {
        var (_, user) = _listeners.Add(Ada);
        _listeners.Add(Ada);
        var pending = new TaskCompletionSource<IReadOnlyList<UserEvent>>();
        _listeners.Ring([Ada]);

        var first = user.ReadAsync(Cursor, _ => Read(pending.Task));
        var second = user.ReadAsync(Cursor, _ => Read(pending.Task));
        pending.SetResult(OneEvent);

        Assert.Same(await first, await second);
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task A_read_begun_before_a_ring_is_not_shared_after_it_as_it_may_lack_the_rung_event()
    {
        var (_, user) = _listeners.Add(Ada);
        var early = await user.ReadAsync(Cursor, _ => Read(Task.FromResult<IReadOnlyList<UserEvent>>([])));
        _listeners.Ring([Ada]);

        var late = await user.ReadAsync(Cursor, _ => Read(Task.FromResult(OneEvent)));

        Assert.Empty(early);
        Assert.Same(OneEvent, late);
        Assert.Equal(2, _reads);
    }

    [Fact]
    public async Task A_read_from_another_cursor_or_after_a_failed_one_is_read_anew()
    {
        var (_, user) = _listeners.Add(Ada);
        await Assert.ThrowsAsync<TimeoutException>(() => user.ReadAsync(Cursor, _ => Read(Task.FromException<IReadOnlyList<UserEvent>>(new TimeoutException()))));

        Assert.Same(OneEvent, await user.ReadAsync(Cursor, _ => Read(Task.FromResult(OneEvent))));
        Assert.Empty(await user.ReadAsync(OneEvent[0].Id, _ => Read(Task.FromResult<IReadOnlyList<UserEvent>>([]))));
        Assert.Equal(3, _reads);
    }

    private Task<IReadOnlyList<UserEvent>> Read(Task<IReadOnlyList<UserEvent>> events)
    {
        _reads++;
        return events;
    }
}
