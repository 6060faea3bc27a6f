using Coo.Shared.Infrastructure.Messaging;

namespace Coo.UnitTests.Messaging;

public sealed class MessageWakeupTests
{
    private static readonly string Queue = MessageWakeup.Inbox("a-consumer");

    private readonly MessageWakeup _wakeup = new();

    [Fact]
    public async Task A_wake_up_sent_while_the_loop_was_busy_is_kept_for_its_next_wait()
    {
        _wakeup.Notify(Queue);

        Assert.True(await _wakeup.WaitAsync(Queue, TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Many_wake_ups_before_the_loop_looks_again_are_one_look()
    {
        _wakeup.Notify(Queue);
        _wakeup.Notify(Queue);
        _wakeup.Notify(Queue);

        Assert.True(await _wakeup.WaitAsync(Queue, TimeSpan.Zero, CancellationToken.None));
        Assert.False(await _wakeup.WaitAsync(Queue, TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task A_waiting_loop_wakes_when_notified()
    {
        var waiting = _wakeup.WaitAsync(Queue, TimeSpan.FromMinutes(10), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        _wakeup.Notify(Queue);

        Assert.True(await waiting);
    }

    [Fact]
    public async Task A_wait_that_times_out_returns_without_an_exception()
    {
        var waited = _wakeup.WaitAsync(Queue, TimeSpan.FromMilliseconds(20), CancellationToken.None);

        Assert.False(await waited);
        Assert.True(waited.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Each_queue_is_woken_alone()
    {
        _wakeup.Notify(MessageWakeup.Outbox("coos"));

        Assert.False(await _wakeup.WaitAsync(Queue, TimeSpan.Zero, CancellationToken.None));
        Assert.True(await _wakeup.WaitAsync(MessageWakeup.Outbox("coos"), TimeSpan.Zero, CancellationToken.None));
    }
}
