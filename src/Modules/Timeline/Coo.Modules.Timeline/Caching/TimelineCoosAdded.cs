using Coo.Shared.Kernel;

namespace Coo.Modules.Timeline.Caching;

/// <summary>A coo written onto its owners' timelines.</summary>
internal sealed record AddedCoo(long CooId, long[] OwnerIds);

/// <summary>
/// Coos added to timelines in the database, which their cached copies must follow: one message for all the coos of a
/// fan-out, where one <see cref="TimelineCacheChanged"/> per coo cost a post an outbox row, an inbox row, their
/// claims and their marks of its own. Published and consumed by the Timeline module (<see cref="TimelineCoosAddedHandler"/>).
/// </summary>
[IntegrationEvent("timeline.coos-added.v1")]
internal sealed record TimelineCoosAdded(Guid Id, DateTimeOffset OccurredAt, AddedCoo[] Coos) : IIntegrationEvent;
