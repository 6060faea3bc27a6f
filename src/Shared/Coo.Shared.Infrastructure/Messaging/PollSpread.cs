namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>
/// How long an idle relay or consumer waits before it polls again: a random moment in the second half of
/// <see cref="OutboxOptions.PollingInterval"/>. The loops (one per module's outbox and per consumer, about forty) start
/// together; waiting exactly the interval, they kept polling within the same half second, each on a connection of its
/// own. The pool then held that burst's connections, which Npgsql closes together once they have been idle for five
/// minutes, and the next burst opened again: a read stall of up to 1.5 s on two cores (README, issue 15). Spread, the
/// polls rarely overlap and a few connections serve them all.
/// </summary>
internal static class PollSpread
{
    public static TimeSpan Next(TimeSpan pollingInterval) => pollingInterval * (0.5 + (Random.Shared.NextDouble() / 2));
}
