namespace Coo.Shared.Kernel;

public enum ErrorKind
{
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    Unprocessable,
    TooManyRequests,

    /// <summary>The service cannot take the request now (busy, or a dependency it needs is down; not the caller's fault): 503, to retry after <see cref="Error.RetryAfter"/>.</summary>
    Unavailable,
}

/// <summary>An expected failure: <see cref="Code"/> is stable and becomes the problem type clients match on.</summary>
public sealed record Error(string Code, string Message, ErrorKind Kind)
{
    /// <summary>When a retry makes sense (lock-outs, limits, a busy host), how long the client should wait.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static Error NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);

    public static Error Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);

    public static Error Unauthorized(string code, string message) => new(code, message, ErrorKind.Unauthorized);

    public static Error Forbidden(string code, string message) => new(code, message, ErrorKind.Forbidden);

    public static Error Unprocessable(string code, string message) => new(code, message, ErrorKind.Unprocessable);

    public static Error TooManyRequests(string code, string message, TimeSpan retryAfter) =>
        new(code, message, ErrorKind.TooManyRequests) { RetryAfter = retryAfter };

    public static Error Unavailable(string code, string message, TimeSpan retryAfter) =>
        new(code, message, ErrorKind.Unavailable) { RetryAfter = retryAfter };
}
