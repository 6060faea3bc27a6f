using System.Collections.Concurrent;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Observability;

namespace Coo.IntegrationTests.Infrastructure;

/// <summary>
/// A test consumer of <see cref="UserRegisteredIntegrationEvent"/> whose behaviour the username chooses:
/// "flaky*" fails its first two deliveries, "poison*" always fails, anything else succeeds.
/// It records every invocation and every effect (a delivery whose transaction committed).
/// </summary>
internal sealed class ProbeHandler : IIntegrationEventHandler<UserRegisteredIntegrationEvent>
{
    public const int FlakyFailures = 2;

    public static ConcurrentDictionary<string, int> Invocations { get; } = new(StringComparer.Ordinal);

    /// <summary>The correlation id current while each username's event was handled.</summary>
    public static ConcurrentDictionary<string, string?> CorrelationIds { get; } = new(StringComparer.Ordinal);

    public static TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public async Task HandleAsync(UserRegisteredIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var invocation = Invocations.AddOrUpdate(integrationEvent.Username, 1, (_, count) => count + 1);
        CorrelationIds[integrationEvent.Username] = CorrelationContext.Current;
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        if (integrationEvent.Username.StartsWith("poison", StringComparison.Ordinal)
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
    }
}
