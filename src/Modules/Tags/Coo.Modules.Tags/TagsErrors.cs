using Coo.Shared.Kernel;

namespace Coo.Modules.Tags;

internal static class TagsErrors
{
    public static readonly Error NotATag = new("tags.not-a-tag", "That is not a hashtag: letters, digits and underscores, with at least one letter.", ErrorKind.Validation);
}
