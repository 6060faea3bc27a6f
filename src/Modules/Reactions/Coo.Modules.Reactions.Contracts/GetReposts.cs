using Mediator;

namespace Coo.Modules.Reactions.Contracts;

/// <summary>The reposts with these ids that are still there (an undone one is left out).</summary>
public sealed record GetReposts(IReadOnlyCollection<long> RepostIds) : IQuery<IReadOnlyList<RepostRef>>;

/// <summary>Who reposted which coo.</summary>
public sealed record RepostRef(long RepostId, long CooId, long UserId);
