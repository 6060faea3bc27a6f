namespace Coo.Modules.Coos.Contracts;

/// <summary>A coo the way clients render it, with its author: what the Coos endpoints and every page of coos answer.</summary>
public sealed record CooResponse(long Id, string Text, DateTimeOffset CreatedAt, AuthorResponse Author);

public sealed record AuthorResponse(long Id, string Username, string DisplayName);
