using Coo.Shared.Infrastructure.Persistence;

namespace Coo.UnitTests.Persistence;

/// <summary>The turn to write to a SQLite file: one writer at a time, requests before background work, nothing lost on a timeout.</summary>
public sealed class SqliteWriteGateTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_waiting_request_gets_the_turn_before_background_work_that_asked_earlier()
    {
        var gate = NewGate();
        Assert.True(await gate.EnterAsync(request: false, "a check", "the first", Long, default));
        var background = gate.EnterAsync(request: false, "a check", "the background work", Long, default);
        var request = gate.EnterAsync(request: true, "a check", "the request", Long, default);
        Assert.StartsWith("a check of the first since ", gate.Holder, StringComparison.Ordinal);

        gate.Exit();

        Assert.True(await request);
        Assert.StartsWith("a check of the request since ", gate.Holder, StringComparison.Ordinal);
        Assert.False(background.IsCompleted);
        gate.Exit();
        Assert.True(await background);
        gate.Exit();
        Assert.Null(gate.Holder);
        Assert.True(await gate.EnterAsync(request: false, "a check", "the last", TimeSpan.Zero, default)); // Free again.
    }

    [Fact]
    public async Task A_waiter_that_times_out_goes_on_without_the_turn_and_is_skipped_when_it_is_handed_on()
    {
        var gate = NewGate();
        Assert.True(await gate.EnterAsync(request: true, "a check", "a test", Long, default));

        Assert.False(await gate.EnterAsync(request: true, "a check", "a test", TimeSpan.FromMilliseconds(10), default));
        var next = gate.EnterAsync(request: false, "a check", "a test", Long, default);
        gate.Exit();

        Assert.True(await next);
    }

    [Fact]
    public async Task A_cancelled_waiter_throws_and_leaves_the_queue()
    {
        var gate = NewGate();
        Assert.True(await gate.EnterAsync(request: true, "a check", "a test", Long, default));
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(request: true, "a check", "a test", Long, cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        gate.Exit();

        Assert.True(await gate.EnterAsync(request: true, "a check", "a test", TimeSpan.Zero, default));
    }

    [Fact]
    public void Every_public_method_of_the_interceptor_is_a_hook_EF_Core_calls()
    {
        // A hook whose signature drifted from EF Core's would compile as a plain method and never run: a turn never given back.
        var type = typeof(SqliteWriteGateInterceptor);
        var hooks = type.GetInterfaces().SelectMany(i => type.GetInterfaceMap(i).TargetMethods).ToHashSet();
        var methods = type.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly);

        Assert.All(methods, method => Assert.Contains(method, hooks));
    }

    private static SqliteWriteGate NewGate() => SqliteWriteGate.For(Path.Combine(Path.GetTempPath(), $"gate-{Guid.NewGuid():N}.db"));
}
