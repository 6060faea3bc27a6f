using System.ComponentModel.DataAnnotations;

namespace Coo.Shared.Infrastructure.Live;

/// <summary>What happened for a user that their open streams show at once.</summary>
public enum UserEventKind
{
    /// <summary>A coo (the subject) came into their home timeline.</summary>
    HomeCooAdded,

    /// <summary>A coo (the subject) left their home timeline, deleted or no longer followed.</summary>
    HomeCooRemoved,

    /// <summary>Their notifications changed; the subject is the notification group.</summary>
    NotificationsChanged,

    /// <summary>A coo came into (or moved up) their home timeline by a repost; the subject is the repost.</summary>
    HomeRepostAdded,
}

/// <summary>One event of a user's log; <see cref="Id"/> orders the log and is what a stream sends as the SSE event id.</summary>
public sealed record UserEvent(UserEventId Id, UserEventKind Kind, long SubjectId);

/// <summary>
/// What a listener got: the events after its cursor, and whether some may be missing before them (the resumed cursor
/// was older than the log keeps), in which case the client must reload rather than apply them.
/// </summary>
public sealed record UserEventBatch(IReadOnlyList<UserEvent> Events, bool Gap);

/// <summary>
/// The recent events of the users who listen: those with a stream open, and for <see cref="LiveOptions.Linger"/> after
/// their last one closed, so that a reconnect resumes exactly after the last event it saw. Events of other users are
/// not kept at all: they read their timelines and notifications when they come back.
/// </summary>
public interface IUserEventLog
{
    /// <summary>Adds the event to the logs of those of <paramref name="userIds"/> who listen, and wakes their streams on every instance.</summary>
    Task AppendAsync(IReadOnlyCollection<long> userIds, UserEventKind kind, long subjectId, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a stream's listener, resuming after <paramref name="lastEventId"/> when given (otherwise from now on); null
    /// when the user already has <see cref="LiveOptions.MaxStreamsPerUser"/> streams open. Throws
    /// <see cref="LiveEventsUnavailableException"/> when the shared log cannot be reached.
    /// </summary>
    Task<IUserEventListener?> ListenAsync(long userId, UserEventId? lastEventId, CancellationToken cancellationToken);
}

/// <summary>One open stream's view of its user's log.</summary>
public interface IUserEventListener : IAsyncDisposable
{
    /// <summary>The events after the last ones returned, waiting at most <paramref name="wait"/> for one (empty when none came).</summary>
    Task<UserEventBatch> NextAsync(TimeSpan wait, CancellationToken cancellationToken);
}

/// <summary>The <c>Streaming</c> section.</summary>
public sealed class LiveOptions
{
    public const string Section = "Streaming";

    /// <summary>How long a user's events are still kept after their last stream closed: the window a reconnect resumes in.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Linger { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most events kept per user: a client further behind reloads.</summary>
    [Range(10, 10_000)]
    public int LogLength { get; set; } = 500;

    /// <summary>Most streams one user may hold open at once, across every instance.</summary>
    [Range(1, 100)]
    public int MaxStreamsPerUser { get; set; } = 5;

    /// <summary>How often an idle stream sends a heartbeat, so that proxies keep it open and clients notice a dead one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How often an open stream asks whether its revocable (OAuth) token is still valid, between events; a revoked
    /// token's streams end within this and a heartbeat.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan TokenCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The shared log (Redis) does not answer: streams cannot start until it does.</summary>
public sealed class LiveEventsUnavailableException(Exception inner) : Exception("The live event log cannot be reached.", inner);
