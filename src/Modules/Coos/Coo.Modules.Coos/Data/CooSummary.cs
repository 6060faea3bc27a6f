using System.Text.Json.Serialization;
using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Domain;

namespace Coo.Modules.Coos.Data;

/// <summary>A coo as the module reads and caches it (<c>IEntityCache&lt;CooSummary&gt;</c>), without its author.</summary>
internal sealed record CooSummary(
    long Id, long AuthorId, string Text, DateTimeOffset CreatedAt, CooEntities Entities, long? InReplyToId, long? InReplyToAuthorId, long ConversationId,
    IReadOnlyList<CooMediaResponse> Media)
{
    /// <summary>A coo posted before entities were kept gets its hashtags and links found now; mentions need a lookup, so none.</summary>
    public static CooSummary Of(Domain.Coo coo) => new(
        coo.Id,
        coo.AuthorId,
        coo.Text,
        coo.CreatedAt,
        coo.Entities ?? TextEntities.Parse(coo.Text) with { Mentions = [] },
        coo.InReplyToId,
        coo.InReplyToAuthorId,
        coo.ConversationId,
        coo.Media ?? []);

    [JsonIgnore]
    public CooRef Ref => new(Id, AuthorId, InReplyToAuthorId);

    [JsonIgnore]
    public ReplyTarget AsReplyTarget => new(Id, AuthorId, ConversationId);
}

/// <summary>The shared cache's JSON of a coo summary, with the serializer's default names, as values already cached have them.</summary>
[JsonSerializable(typeof(CooSummary))]
internal sealed partial class CooSummaryJson : JsonSerializerContext;
