using Coo.Modules.Coos.Contracts;
using Coo.Shared.Kernel;

namespace Coo.Modules.Coos;

internal static class CoosErrors
{
    public static readonly Error NotFound = CooErrors.NotFound;

    public static readonly Error ReplyToMissing = Error.Unprocessable(
        "coos.reply-to-missing", "The coo you reply to does not exist or was deleted.");

    public static readonly Error IdempotencyKeyReused = Error.Unprocessable(
        "coos.idempotency-key-reused", "That Idempotency-Key was already used for a different coo.");
}
