namespace Coo.Modules.Coos.Contracts;

/// <summary>
/// A coo the way clients render it, with its author and its reactions (<see cref="LikedByYou"/> and
/// <see cref="RepostedByYou"/> are false for an anonymous caller): what the Coos endpoints and every page of coos answer.
/// </summary>
public sealed record CooResponse(
    long Id,
    string Text,
    DateTimeOffset CreatedAt,
    AuthorResponse Author,
    int LikesCount,
    int RepostsCount,
    bool LikedByYou,
    bool RepostedByYou);

public sealed record AuthorResponse(long Id, string Username, string DisplayName);
