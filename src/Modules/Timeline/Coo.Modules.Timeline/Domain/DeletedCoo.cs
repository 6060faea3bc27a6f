namespace Coo.Modules.Timeline.Domain;

/// <summary>A deleted coo, remembered so that a late or redelivered <c>CooPosted</c> cannot bring it back.</summary>
internal sealed class DeletedCoo(long cooId, DateTimeOffset deletedAt)
{
    public long CooId { get; private set; } = cooId;

    public DateTimeOffset DeletedAt { get; private set; } = deletedAt;
}
