using Mediator;

namespace Coo.Modules.Analytics.Features.RecordClientEvents;

/// <summary>A batch of client events; <paramref name="UserId"/> is null for an anonymous client.</summary>
internal sealed record RecordClientEvents(long? UserId, IReadOnlyList<ClientEvent>? Events) : ICommand;

/// <summary>The body of <c>POST /analytics/events</c>.</summary>
internal sealed record RecordClientEventsRequest(IReadOnlyList<ClientEvent>? Events);

/// <summary>One thing that happened in a client: an allowed name, when (the client's clock), and optional string properties.</summary>
internal sealed record ClientEvent(string? Name, DateTimeOffset? OccurredAt, IReadOnlyDictionary<string, string?>? Properties = null);
