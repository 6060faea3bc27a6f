using System.Collections.Concurrent;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Observability;

namespace Coo.IntegrationTests.Infrastructure;

/// <summary>
/// A test consumer of <see cref="UserRegisteredIntegrationEvent"/> whose behaviour the username chooses:
/// "flaky*" fails its first two deliveries, "poison*" always fails (until <see cref="ProbeState.PoisonHealed"/>), anything else succeeds.
/// It records every invocation in its host's <see cref="ProbeState"/>.
/// </summary>
internal sealed class ProbeHandler(ProbeState state) : IIntegrationEventHandler<UserRegisteredIntegrationEvent>
{
    public const int FlakyFailures = 2;

    public async Task HandleAsync(UserRegisteredIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var invocation = state.Invocations.AddOrUpdate(integrationEvent.Username, 1, (_, count) => count + 1);
        state.CorrelationIds[integrationEvent.Username] = CorrelationContext.Current;
        state.Handled.Enqueue(integrationEvent.Username);
        state.Started.TrySetResult();
        if (state.Delay > TimeSpan.Zero)
        {
            await Task.Delay(state.Delay, cancellationToken);
        }

        if ((integrationEvent.Username.StartsWith("poison", StringComparison.Ordinal) && !state.PoisonHealed)
            || (integrationEvent.Username.StartsWith("flaky", StringComparison.Ordinal) && invocation <= FlakyFailures))
        {
            throw new InvalidOperationException($"Probe failure {invocation} for {integrationEvent.Username}");
        }
    }
}

/// <summary>What one host's <see cref="ProbeHandler"/> saw and how it is told to behave; one per host, so that hosts of tests running side by side do not share it.</summary>
public sealed class ProbeState
{
    public ConcurrentDictionary<string, int> Invocations { get; } = new(StringComparer.Ordinal);

    /// <summary>The correlation id current while each username's event was handled.</summary>
    public ConcurrentDictionary<string, string?> CorrelationIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Every username whose event was handled, in the order the handler saw them (retries included).</summary>
    public ConcurrentQueue<string> Handled { get; } = new();

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>The fault behind "poison*" is fixed: from now on they succeed, as after a deployment of the fix.</summary>
    public bool PoisonHealed { get; set; }

    /// <summary>Completed when an invocation starts, for tests that look at the database while a delivery runs.</summary>
    public TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Reset()
    {
        Invocations.Clear();
        CorrelationIds.Clear();
        Handled.Clear();
        Delay = TimeSpan.Zero;
        PoisonHealed = false;
        Started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
