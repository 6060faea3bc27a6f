using System.Collections.Concurrent;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Observability;

namespace Coo.IntegrationTests.Infrastructure;

/// <summary>
/// A test consumer of <see cref="UserRegisteredIntegrationEvent"/> whose behaviour the username chooses:
/// "flaky*" fails its first two deliveries, "poison*" always fails (until <see cref="PoisonHealed"/>), anything else succeeds.
/// It records every invocation and every effect (a delivery whose transaction committed).
/// </summary>
internal sealed class ProbeHandler : IIntegrationEventHandler<UserRegisteredIntegrationEvent>
{
    public const int FlakyFailures = 2;

    public static ConcurrentDictionary<string, int> Invocations { get; } = new(StringComparer.Ordinal);

    /// <summary>The correlation id current while each username's event was handled.</summary>
    public static ConcurrentDictionary<string, string?> CorrelationIds { get; } = new(StringComparer.Ordinal);

    public static TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>The fault behind "poison*" is fixed: from now on they succeed, as after a deployment of the fix.</summary>
    public static bool PoisonHealed { get; set; }

    /// <summary>Completed when an invocation starts, for tests that look at the database while a delivery runs.</summary>
    public static TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task HandleAsync(UserRegisteredIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var invocation = Invocations.AddOrUpdate(integrationEvent.Username, 1, (_, count) => count + 1);
        CorrelationIds[integrationEvent.Username] = CorrelationContext.Current;
        Started.TrySetResult();
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        if ((integrationEvent.Username.StartsWith("poison", StringComparison.Ordinal) && !PoisonHealed)
            || (integrationEvent.Username.StartsWith("flaky", StringComparison.Ordinal) && invocation <= FlakyFailures))
        {
            throw new InvalidOperationException($"Probe failure {invocation} for {integrationEvent.Username}");
        }
    }

    public static void Reset()
    {
        Invocations.Clear();
        CorrelationIds.Clear();
        Delay = TimeSpan.Zero;
        PoisonHealed = false;
        Started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
