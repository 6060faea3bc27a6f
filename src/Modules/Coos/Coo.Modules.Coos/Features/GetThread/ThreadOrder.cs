namespace Coo.Modules.Coos.Features.GetThread;

/// <summary>A coo of a conversation as its shape is loaded: the coo it answers, and whether it was deleted.</summary>
internal sealed record ThreadNode(long Id, long? InReplyToId, bool Deleted);

/// <summary>A place in a thread: <see cref="Depth"/> counts from the coo the thread is read for (0), its ancestors below zero.</summary>
internal sealed record ThreadEntry(long Id, int Depth, bool Deleted);

/// <summary>
/// Conversation order: the coo's ancestors from the root down, the coo, then the replies below it depth first (a
/// reply's own replies right under it, siblings oldest first). A deleted coo keeps its place, as a placeholder, while
/// anything shown hangs below it, as every ancestor does; a deleted coo with nothing shown below it is left out.
/// </summary>
internal static class ThreadOrder
{
    /// <summary>
    /// The thread of <paramref name="cooId"/>, from just after <paramref name="afterId"/> when given (the last entry of
    /// the page before: it keeps its place in the order even once deleted and left out, so the next page goes on from
    /// there); empty when either has no place in <paramref name="conversation"/>.
    /// </summary>
    public static IReadOnlyList<ThreadEntry> Arrange(IReadOnlyCollection<ThreadNode> conversation, long cooId, long? afterId = null)
    {
        var nodes = new Dictionary<long, ThreadNode>();
        foreach (var node in conversation)
        {
            nodes.TryAdd(node.Id, node);
        }

        if (!nodes.TryGetValue(cooId, out var coo))
        {
            return [];
        }

        // The visited set guards the walks against a cycle, which no conversation has, rather than trusting the data.
        var visited = new HashSet<long> { cooId };
        var ancestors = new List<ThreadNode>();
        var parentId = coo.InReplyToId;
        while (parentId is { } id && nodes.TryGetValue(id, out var parent) && visited.Add(id))
        {
            ancestors.Add(parent);
            parentId = parent.InReplyToId;
        }

        ancestors.Reverse();
        var places = ancestors.Select((a, i) => (Entry: new ThreadEntry(a.Id, i - ancestors.Count, a.Deleted), Shown: true)).ToList();
        places.Add((new ThreadEntry(coo.Id, 0, coo.Deleted), true));
        places.AddRange(Below(coo, nodes, visited));

        var start = 0;
        if (afterId is { } after)
        {
            start = places.FindIndex(p => p.Entry.Id == after) + 1;
            if (start == 0)
            {
                return [];
            }
        }

        return [.. places.Skip(start).Where(p => p.Shown).Select(p => p.Entry)];
    }

    /// <summary>The replies below <paramref name="coo"/> depth first, each with whether it is shown; iterative, so a long chain never runs out of stack.</summary>
    private static List<(ThreadEntry Entry, bool Shown)> Below(ThreadNode coo, Dictionary<long, ThreadNode> nodes, HashSet<long> visited)
    {
        var replies = nodes.Values.Where(n => n.InReplyToId is not null).ToLookup(n => n.InReplyToId!.Value);
        var order = new List<(ThreadNode Node, int Depth)>();
        var pending = new Stack<(ThreadNode Node, int Depth)>();
        foreach (var reply in replies[coo.Id].OrderByDescending(r => r.Id))
        {
            pending.Push((reply, 1));
        }

        while (pending.TryPop(out var next))
        {
            if (!visited.Add(next.Node.Id))
            {
                continue;
            }

            order.Add(next);
            foreach (var reply in replies[next.Node.Id].OrderByDescending(r => r.Id))
            {
                pending.Push((reply, next.Depth + 1));
            }
        }

        // Backwards, every reply comes before the coo it answers: whether anything below a coo is shown is known by then.
        var shown = new bool[order.Count];
        var withShownReplies = new HashSet<long>();
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i].Node;
            shown[i] = !node.Deleted || withShownReplies.Contains(node.Id);
            if (shown[i] && node.InReplyToId is { } parent)
            {
                withShownReplies.Add(parent);
            }
        }

        return [.. order.Select((o, i) => (new ThreadEntry(o.Node.Id, o.Depth, o.Node.Deleted), shown[i]))];
    }
}
