namespace Coo.Modules.Reactions.Features;

/// <summary>One reaction of a list: <see cref="ReactionId"/> orders reactions by time and serves as the page cursor.</summary>
internal sealed record ReactionEntry(long ReactionId, long UserId, long CooId);
