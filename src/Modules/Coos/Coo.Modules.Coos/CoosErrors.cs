using Coo.Shared.Kernel;

namespace Coo.Modules.Coos;

internal static class CoosErrors
{
    public static readonly Error NotFound = Error.NotFound("coos.not-found", "No coo has that id.");

    public static readonly Error IdempotencyKeyReused = Error.Unprocessable(
        "coos.idempotency-key-reused", "That Idempotency-Key was already used for a different coo.");
}
