using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

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

/// <summary>Malformed JSON, a body of the wrong shape or too large: the client's fault, said plainly.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails, ProblemTexts texts) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new()
            {
                Status = badRequest.StatusCode,
                Type = ProblemTypes.MalformedRequest,
                Title = texts.MalformedRequestTitle,
                // The JSON reader's own message names internal types; say where the body went wrong instead.
                Detail = badRequest.InnerException is JsonException json
                    ? texts.MalformedJsonDetail(json.Path ?? "$")
                    : badRequest.Message,
            },
        });
    }
}
