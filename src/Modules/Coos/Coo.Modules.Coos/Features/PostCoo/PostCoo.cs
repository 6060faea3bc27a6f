namespace Coo.Modules.Coos.Features.PostCoo;

/// <summary>
/// The body of <c>POST /coos</c> (<see cref="Contracts.PostCoo"/>); <see cref="InReplyToId"/> makes the coo a reply;
/// <see cref="MediaIds"/> are the author's uploads (<c>POST /media</c>) it shows, in that order.
/// </summary>
internal sealed record PostCooRequest(string? Text, long? InReplyToId = null, IReadOnlyList<long>? MediaIds = null);
