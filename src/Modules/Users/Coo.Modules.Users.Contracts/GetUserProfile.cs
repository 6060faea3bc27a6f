using Mediator;

namespace Coo.Modules.Users.Contracts;

/// <summary>The public part of a user's profile, by username in any case; null when no user has it.</summary>
public sealed record GetUserProfile(string Username) : IQuery<UserProfile?>;

/// <summary>Several users' profiles by id (an unknown id is left out); for pages that show people in full.</summary>
public sealed record GetUserProfilesByIds(IReadOnlyCollection<long> UserIds) : IQuery<IReadOnlyList<UserProfile>>;

/// <summary>The avatar URLs are those of <see cref="UserSummary"/>.</summary>
public sealed record UserProfile(long Id, string Username, string DisplayName, string Bio, DateTimeOffset CreatedAt, string AvatarUrl, string AvatarSmallUrl);
