using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Coo.Shared.Infrastructure.Live;

/// <summary>
/// The position of an event in a user's log, in Redis stream id form (<c>milliseconds-sequence</c>), so that the
/// in-memory log and Redis give the same ids and a client's <c>Last-Event-ID</c> means the same on either.
/// </summary>
public readonly record struct UserEventId(long Milliseconds, long Sequence) : IComparable<UserEventId>
{
    public static readonly UserEventId Start = new(0, 0);

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(Milliseconds);

    public static bool TryParse([NotNullWhen(true)] string? text, out UserEventId id)
    {
        id = default;
        var dash = text?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (dash <= 0
            || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }

        id = new UserEventId(milliseconds, sequence);
        return true;
    }

    public int CompareTo(UserEventId other) => (Milliseconds, Sequence).CompareTo((other.Milliseconds, other.Sequence));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}");

    public static bool operator <(UserEventId left, UserEventId right) => left.CompareTo(right) < 0;

    public static bool operator >(UserEventId left, UserEventId right) => left.CompareTo(right) > 0;

    public static bool operator <=(UserEventId left, UserEventId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(UserEventId left, UserEventId right) => left.CompareTo(right) >= 0;
}
