namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// A page of Accounts listed by entries of their own (follows, reactions), newest entry first: the pages are keyed by
/// the entries, as Mastodon's are, so the <c>Link</c> header is the only way to the next page. An account gone since
/// its entry was read is left out.
/// </summary>
internal static class MastodonAccountPage
{
    public static async Task<IResult> AnswerAsync(
        HttpResponse response,
        string pageUrl,
        IReadOnlyList<(long EntryId, long UserId)> entries,
        MastodonPaging paging,
        MastodonAccounts accounts,
        CancellationToken cancellationToken)
    {
        var people = await accounts.ByIdAsync([.. entries.Select(e => e.UserId)], cancellationToken);
        if (entries.Count > 0)
        {
            MastodonPaging.Link(
                response, pageUrl, MastodonIds.Of(entries[0].EntryId), MastodonIds.Of(entries[^1].EntryId), paging.Limit, includeNext: entries.Count >= paging.Limit);
        }

        return MastodonJson.Ok(entries.Where(e => people.ContainsKey(e.UserId)).Select(e => people[e.UserId].Account).ToList());
    }
}
