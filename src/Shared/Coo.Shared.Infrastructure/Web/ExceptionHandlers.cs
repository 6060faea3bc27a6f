using System.Globalization;
using System.Text.Json;
using Coo.Shared.Infrastructure.Persistence;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coo.Shared.Infrastructure.Web;

/// <summary>A failed validation rule becomes 400 with the errors per (camelCase) field.</summary>
internal sealed class ValidationExceptionHandler(IProblemDetailsService problemDetails, ProblemTexts texts) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ValidationException validation)
        {
            return false;
        }

        var errors = validation.Errors
            .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Type = ProblemTypes.Validation,
                Title = texts.ValidationTitle,
            },
        });
    }
}

/// <summary>
/// Malformed JSON, a body of the wrong shape or too large, or a form that cannot be read (an endpoint that reads its
/// form itself meets a value with a NUL or a broken multipart body as <see cref="InvalidDataException"/>): the
/// client's fault, said plainly.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails, ProblemTexts texts) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            // The JSON reader's own message names internal types; say where the body went wrong instead.
            BadHttpRequestException { InnerException: JsonException json } badRequest => (badRequest.StatusCode, texts.MalformedJsonDetail(json.Path ?? "$")),
            BadHttpRequestException badRequest => (badRequest.StatusCode, badRequest.Message),
            InvalidDataException unreadable when httpContext.Request.HasFormContentType => (StatusCodes.Status400BadRequest, unreadable.Message),
            _ => (0, null),
        };
        if (detail is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new()
            {
                Status = status,
                Type = ProblemTypes.MalformedRequest,
                Title = texts.MalformedRequestTitle,
                Detail = detail,
            },
        });
    }
}

/// <summary>
/// The database cannot be reached (down, restarting, out of connections, or busy past its timeout): 503 with
/// <c>Retry-After</c>, not 500. Nothing was acknowledged, so the client may simply try again.
/// </summary>
internal sealed partial class DatabaseUnavailableExceptionHandler(IProblemDetailsService problemDetails, ProblemTexts texts, ILogger<DatabaseUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!exception.IsDatabaseUnavailable())
        {
            return false;
        }

        LogUnavailable(httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new()
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemTypes.DatabaseUnavailable,
                Title = texts.Title(StatusCodes.Status503ServiceUnavailable),
                Detail = texts.DatabaseUnavailableDetail,
            },
        });
    }

    // One line, no stack trace: during an outage every request meets the same failure, and the trace says nothing new.
    [LoggerMessage(LogLevel.Warning, "{Method} {Path} answered 503: the database is unavailable ({Reason})")]
    private partial void LogUnavailable(string method, string path, string reason);
}
