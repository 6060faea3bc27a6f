using System.Security.Cryptography;
using System.Text;
using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Data;
using Coo.Modules.Coos.Domain;
using Coo.Modules.Coos.Features.GetCoo;
using Coo.Modules.Media.Contracts;
using Coo.Modules.Timeline.Contracts;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Coos.Features.PostCoo;

internal sealed class PostCooHandler(
    CoosDbContext db,
    ISender sender,
    SharedTransaction offered,
    AfterCommitActions afterCommit,
    SnowflakeIdGenerator ids,
    TimeProvider time,
    CooMetrics metrics,
    IEntityCache<CooSummary> cache)
    : ICommandHandler<Contracts.PostCoo, Result<CooResponse>>
{
    public async ValueTask<Result<CooResponse>> Handle(Contracts.PostCoo command, CancellationToken cancellationToken)
    {
        var cooId = ids.NextId();
        var written = await WriteCooAsync(command, cooId, cancellationToken);
        if (!written.IsSuccess)
        {
            return written.Error!;
        }

        // The coo this request wrote has no reactions or replies yet; one that a retry's key replays may have both by now.
        var response = written.Value.Id == cooId
            ? await sender.HydrateNewAsync([written.Value], cancellationToken)
            : await sender.HydrateAsync([written.Value], written.Value.AuthorId, cancellationToken);
        return response.Single();
    }

    private async Task<Result<CooSummary>> WriteCooAsync(Contracts.PostCoo command, long cooId, CancellationToken cancellationToken)
    {
        var text = UserText.Clean(command.Text);
        var now = time.GetUtcNow();
        var requestHash = RequestHash(command, text);
        if (command.IdempotencyKey is { } key)
        {
            var earlier = await FindRecordAsync(command.AuthorId, key, cancellationToken);
            if (earlier is not null && !earlier.IsExpired(now))
            {
                return await ReplayAsync(earlier, requestHash, cancellationToken);
            }

            if (earlier is not null)
            {
                // Expired: forgotten here, unless the hourly clean-up got there first.
                var expiredBefore = now - IdempotencyRecord.Lifetime;
                await db.IdempotencyRecords
                    .Where(r => r.AuthorId == command.AuthorId && r.Key == key && r.CreatedAt <= expiredBefore)
                    .ExecuteDeleteAsync(cancellationToken);
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
        var media = await ClaimMediaAsync(command, cooId, cancellationToken);
        if (!media.IsSuccess)
        {
            return media.Error!;
        }

        Result<CooSummary> written;
        try
        {
            written = await WriteAsync(command, text, requestHash, entities, media.Value, parent, cooId, now, cancellationToken);
        }
        catch when (media.Value.Count > 0)
        {
            await ReleaseMediaAsync(cooId);
            throw;
        }

        if (!written.IsSuccess || written.Value.Id != cooId)
        {
            // Refused, or a concurrent retry's coo answered: this coo was not written, its images are free again.
            if (media.Value.Count > 0)
            {
                await ReleaseMediaAsync(cooId);
            }

            return written;
        }

        metrics.CooPosted();
        return written;
    }

    /// <summary>
    /// The images are claimed in Media before the coo is written, keyed by the coo's id: Media may live on another
    /// database, so no transaction spans both. A post that fails gives them back (<see cref="ReleaseMedia"/>); a claim
    /// left by a crash in between is never confirmed by <c>coos.coo-posted.v1</c>, and Media's cleanup removes it.
    /// </summary>
    private async Task<Result<IReadOnlyList<CooMediaResponse>>> ClaimMediaAsync(Contracts.PostCoo command, long cooId, CancellationToken cancellationToken)
    {
        if (command.MediaIds is not { Count: > 0 } mediaIds)
        {
            return Result.Success<IReadOnlyList<CooMediaResponse>>([]);
        }

        var attached = await sender.Send(new AttachMedia(command.AuthorId, cooId, mediaIds), cancellationToken);
        return attached.IsSuccess
            ? Result.Success<IReadOnlyList<CooMediaResponse>>([.. attached.Value.Select(m => new CooMediaResponse(
                m.Id, m.Url, m.PreviewUrl, m.Width, m.Height, m.PreviewWidth, m.PreviewHeight, m.Description))])
            : attached.Error!;
    }

    // Not the caller's to cancel: an abandoned request must not keep its images from the next attempt.
    private async Task ReleaseMediaAsync(long cooId) => await sender.Send(new ReleaseMedia(cooId), CancellationToken.None);

    private async Task<Result<CooSummary>> WriteAsync(
        Contracts.PostCoo command,
        string text,
        string requestHash,
        CooEntities entities,
        IReadOnlyList<CooMediaResponse> media,
        ReplyTarget? parent,
        long cooId,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var coo = parent is null
            ? Domain.Coo.Post(cooId, command.AuthorId, text, entities, media, now)
            : Domain.Coo.Reply(cooId, command.AuthorId, text, entities, media, parent, now);
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
            coo.InReplyToAuthorId,
            [.. media.Select(m => m.Id)]));
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

        // Read-your-writes: the author's next home timeline read shows the coo without waiting for the fan-out of
        // CooPosted, which records it too (idempotently) and reaches the followers. In this commit when Timeline shares
        // the database, so a post is one commit and its entry never outlives a coo that was rolled back; its statement
        // then goes in one round trip with the author's count.
        await offered.RunAsync(
            db,
            () => sender.Send(new RecordOwnCoo(coo.AuthorId, coo.Id, coo.InReplyToAuthorId), cancellationToken).AsTask(),
            AuthorStatsStore.Adjustment(db, command.AuthorId, +1),
            cancellationToken);

        await transaction.CommitAsync(cancellationToken);

        // Committed: no longer the caller's to cancel. The coo is cached now rather than on first read: the fan-out puts
        // it on pages at once, and a page whose coos are all cached is served even while the database is down (a failed
        // write only means a later read loads it). That write and the after-commit ones (the author's cached timeline)
        // touch different keys, so they are sent together and the post waits for the slower, not for both in a row.
        var summary = CooSummary.Of(coo);
        await Task.WhenAll(cache.AddAsync(summary, CancellationToken.None), afterCommit.RunAsync(CancellationToken.None));
        return summary;
    }

    /// <summary>What tells a retry from another request under the same key. Without images, as before images existed.</summary>
    private static string RequestHash(Contracts.PostCoo command, string text)
    {
        var request = command.MediaIds is { Count: > 0 } mediaIds
            ? $"{command.InReplyToId}\n{text}\n{string.Join(',', mediaIds)}"
            : $"{command.InReplyToId}\n{text}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request)));
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
        db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.AuthorId == authorId && r.Key == key, cancellationToken);

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
