using System.Security.Cryptography;
using System.Text;
using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Data;
using Coo.Modules.Coos.Domain;
using Coo.Modules.Coos.Features.GetCoo;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Coos.Features.PostCoo;

internal sealed class PostCooHandler(
    CoosDbContext db, ISender sender, SnowflakeIdGenerator ids, TimeProvider time, CooMetrics metrics, IEntityCache<CooSummary> cache)
    : ICommandHandler<PostCoo, Result<CooSummary>>
{
    public async ValueTask<Result<CooSummary>> Handle(PostCoo command, CancellationToken cancellationToken)
    {
        var text = UserText.Clean(command.Text);
        var now = time.GetUtcNow();
        var requestHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{command.InReplyToId}\n{text}")));
        if (command.IdempotencyKey is { } key)
        {
            var earlier = await FindRecordAsync(command.AuthorId, key, cancellationToken);
            if (earlier is not null && !earlier.IsExpired(now))
            {
                return await ReplayAsync(earlier, requestHash, cancellationToken);
            }

            if (earlier is not null)
            {
                db.IdempotencyRecords.Remove(earlier);
            }
        }

        ReplyTarget? parent = null;
        if (command.InReplyToId is { } parentId)
        {
            parent = (await sender.Send(new GetCoosByIds([parentId]), cancellationToken)).SingleOrDefault()?.AsReplyTarget;
            if (parent is null)
            {
                return CoosErrors.ReplyToMissing;
            }
        }

        var entities = await FindEntitiesAsync(text, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var coo = parent is null
            ? Domain.Coo.Post(ids.NextId(), command.AuthorId, text, entities, now)
            : Domain.Coo.Reply(ids.NextId(), command.AuthorId, text, entities, parent, now);
        db.Coos.Add(coo);
        if (command.IdempotencyKey is not null)
        {
            db.IdempotencyRecords.Add(IdempotencyRecord.For(command.AuthorId, command.IdempotencyKey, requestHash, coo.Id, now));
        }

        db.Publish(new CooPostedIntegrationEvent(
            Guid.CreateVersion7(),
            now,
            coo.Id,
            coo.AuthorId,
            [.. entities.Hashtags.Select(h => h.Tag).Distinct(StringComparer.Ordinal)],
            [.. entities.Mentions.Select(m => m.UserId).Distinct()],
            coo.InReplyToId,
            coo.InReplyToAuthorId));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (command.IdempotencyKey is not null && ex.IsUniqueViolation())
        {
            // A concurrent retry with the same key committed first: answer as that retry would be answered.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var winner = await FindRecordAsync(command.AuthorId, command.IdempotencyKey, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return await ReplayAsync(winner, requestHash, cancellationToken);
        }

        await AuthorStatsStore.AdjustAsync(db, command.AuthorId, +1, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.CooPosted();
        var summary = CooSummary.Of(coo);

        // Cached now rather than on first read: the fan-out puts it on pages at once, and a page whose coos are all
        // cached is served even while the database is down. Not the caller's to cancel once committed; a failed
        // write only means a later read loads it.
        await cache.AddAsync(summary, CancellationToken.None);
        return summary;
    }

    /// <summary>The text's entities, with the mentions of users who exist (one lookup for all of them).</summary>
    private async Task<CooEntities> FindEntitiesAsync(string text, CancellationToken cancellationToken)
    {
        var entities = TextEntities.Parse(text);
        if (entities.Mentions.Count == 0)
        {
            return entities;
        }

        var users = await sender.Send(new GetUsersByUsernames(entities.MentionedUsernames()), cancellationToken);
        return entities.WithMentionsOf(users.Select(u => (u.Id, u.Username)));
    }

    private Task<IdempotencyRecord?> FindRecordAsync(long authorId, string key, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.SingleOrDefaultAsync(r => r.AuthorId == authorId && r.Key == key, cancellationToken);

    private async Task<Result<CooSummary>> ReplayAsync(IdempotencyRecord record, string requestHash, CancellationToken cancellationToken)
    {
        if (record.RequestHash != requestHash)
        {
            return CoosErrors.IdempotencyKeyReused;
        }

        var coo = await db.Coos.AsNoTracking().SingleOrDefaultAsync(c => c.Id == record.CooId, cancellationToken);
        return coo is null ? CoosErrors.NotFound : CooSummary.Of(coo);
    }
}
