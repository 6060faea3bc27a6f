using Coo.Modules.Coos.Contracts;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Mastodon's Status: a coo, or a repost of one (then <see cref="Reblog"/> is the coo, and the status itself is the
/// repost: its place in the timeline, by the reposter). Everything on Coo is public, unedited and in no language
/// anyone declared.
/// </summary>
internal sealed record MastodonStatus(
    string Id,
    string Uri,
    string? Url,
    DateTimeOffset CreatedAt,
    MastodonAccount Account,
    string Content,
    string? Text,
    string Visibility,
    bool Sensitive,
    string SpoilerText,
    IReadOnlyList<MastodonMediaAttachment> MediaAttachments,
    IReadOnlyList<MastodonMention> Mentions,
    IReadOnlyList<MastodonTag> Tags,
    IReadOnlyList<object> Emojis,
    int ReblogsCount,
    int FavouritesCount,
    int RepliesCount,
    string? InReplyToId,
    string? InReplyToAccountId,
    MastodonStatus? Reblog,
    object? Poll,
    object? Card,
    string? Language,
    DateTimeOffset? EditedAt,
    bool Favourited,
    bool Reblogged,
    bool Muted,
    bool Bookmarked,
    bool Pinned);

internal sealed record MastodonMention(string Id, string Username, string Url, string Acct);

internal sealed record MastodonTag(string Name, string Url);

/// <summary>An image, with its sizes in <see cref="Meta"/> so that clients reserve the space before it loads.</summary>
internal sealed record MastodonMediaAttachment(
    string Id, string Type, string Url, string PreviewUrl, string? RemoteUrl, string? TextUrl, MastodonMediaMeta Meta, string? Description, string? Blurhash)
{
    /// <summary>An image at <paramref name="url"/> with its preview, both relative to the API's base as the Media module gives them.</summary>
    public static MastodonMediaAttachment Image(
        long id, string url, string previewUrl, (int Width, int Height) size, (int Width, int Height) previewSize, string description, MastodonUrls urls) => new(
        MastodonIds.Of(id),
        "image",
        urls.Absolute(url),
        urls.Absolute(previewUrl),
        RemoteUrl: null,
        TextUrl: null,
        new MastodonMediaMeta(MastodonMediaSize.Of(size.Width, size.Height), MastodonMediaSize.Of(previewSize.Width, previewSize.Height)),
        description.Length == 0 ? null : description,
        Blurhash: null);
}

internal sealed record MastodonMediaMeta(MastodonMediaSize Original, MastodonMediaSize Small);

internal sealed record MastodonMediaSize(int Width, int Height, string Size, double Aspect)
{
    public static MastodonMediaSize Of(int width, int height) => new(width, height, $"{width}x{height}", height == 0 ? 1 : (double)width / height);
}

/// <summary>Builds Statuses for a page of coos, with every account on it from one <see cref="MastodonAccounts"/> call.</summary>
internal sealed class MastodonStatuses(MastodonAccounts accounts, MastodonUrls urls)
{
    public async Task<IReadOnlyList<MastodonStatus>> OfAsync(IReadOnlyList<CooResponse> coos, CancellationToken cancellationToken)
    {
        var people = await accounts.ByIdAsync([.. coos.Select(c => c.Author.Id).Concat(coos.Select(c => c.RepostedBy?.Id).OfType<long>())], cancellationToken);
        List<MastodonStatus> statuses = [];
        foreach (var coo in coos)
        {
            if (!people.TryGetValue(coo.Author.Id, out var author))
            {
                continue;
            }

            var status = Status(coo, author.Account);
            if (coo is { RepostedBy: { } reposter, RepostId: { } repostId })
            {
                if (!people.TryGetValue(reposter.Id, out var by))
                {
                    continue;
                }

                status = status with
                {
                    Id = MastodonIds.Of(repostId),
                    Uri = $"{status.Uri}/reposts/{MastodonIds.Of(repostId)}",
                    Url = null,
                    Account = by.Account,
                    Content = string.Empty,
                    Text = null,
                    MediaAttachments = [],
                    Mentions = [],
                    Tags = [],
                    InReplyToId = null,
                    InReplyToAccountId = null,
                    Reblog = status,
                };
            }

            statuses.Add(status);
        }

        return statuses;
    }

    private MastodonStatus Status(CooResponse coo, MastodonAccount author)
    {
        var url = urls.Coo(coo.Author.Username, coo.Id);
        return new MastodonStatus(
            Id: MastodonIds.Of(coo.Id),
            Uri: url,
            Url: url,
            CreatedAt: coo.CreatedAt,
            Account: author,
            Content: MastodonHtml.Content(coo, urls),
            Text: null,
            Visibility: "public",
            Sensitive: false,
            SpoilerText: string.Empty,
            MediaAttachments: [.. coo.Media.Select(Attachment)],
            Mentions: [.. coo.Entities.Mentions.DistinctBy(m => m.UserId).Select(m => new MastodonMention(MastodonIds.Of(m.UserId), m.Username, urls.Profile(m.Username), m.Username))],
            Tags: [.. coo.Entities.Hashtags.DistinctBy(h => h.Tag).Select(h => new MastodonTag(h.Tag, urls.Tag(h.Tag)))],
            Emojis: [],
            ReblogsCount: coo.RepostsCount,
            FavouritesCount: coo.LikesCount,
            RepliesCount: coo.RepliesCount,
            InReplyToId: coo.InReplyTo is { } parent ? MastodonIds.Of(parent.Id) : null,
            InReplyToAccountId: coo.InReplyTo is { } replied ? MastodonIds.Of(replied.Author.Id) : null,
            Reblog: null,
            Poll: null,
            Card: null,
            Language: null,
            EditedAt: null,
            Favourited: coo.LikedByYou,
            Reblogged: coo.RepostedByYou,
            Muted: false,
            Bookmarked: false,
            Pinned: false);
    }

    private MastodonMediaAttachment Attachment(CooMediaResponse media) => MastodonMediaAttachment.Image(
        media.Id, media.Url, media.PreviewUrl, (media.Width, media.Height), (media.PreviewWidth, media.PreviewHeight), media.Description, urls);
}
