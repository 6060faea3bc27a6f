using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Shared.Infrastructure.Web;

/// <summary>
/// The largest request body an endpoint takes (<see cref="RequestBodyLimits.WithBodyLimit{TBuilder}"/>). Not ASP.NET
/// Core's <c>IRequestSizeLimitMetadata</c>: routing would hand that to Kestrel, which then closes the connection
/// instead of letting the client read the 413.
/// </summary>
public sealed class BodyLimit(long maxBytes)
{
    /// <summary>Sign-in, refresh and sign-out: a username, a password, a token.</summary>
    public const long Credentials = 4 * 1024;

    /// <summary>Registration: username, e-mail, password and display name, even with every character JSON-escaped.</summary>
    public const long Registration = 8 * 1024;

    /// <summary>Every other endpoint: a coo, a profile change or a form of the jobs dashboard.</summary>
    public const long Default = 64 * 1024;

    /// <summary>
    /// Kestrel's own limit, above every endpoint's but those that raise it for their requests (image uploads). After a 413 the server discards the rest of a body up to this size,
    /// so that the client reads the answer on a connection still open; a larger body has the connection closed.
    /// </summary>
    public const long ServerMaximum = 1024 * 1024;

    public long MaxBytes => maxBytes;
}

/// <summary>
/// Request bodies are capped before anything reads them (the sign-in rate limiter, the JSON binder): a body with a
/// larger <c>Content-Length</c> is refused unread, and one without (chunked) is read here only up to the limit. Either
/// way the answer is 413 problem details, and no byte of it was parsed.
/// </summary>
public static class RequestBodyLimits
{
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long maxBytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(maxBytes));

    /// <summary>After routing, which names the endpoint and so its limit; before authentication and rate limiting.</summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(EnforceAsync);

    private static async Task EnforceAsync(HttpContext http, RequestDelegate next)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.MaxBytes ?? BodyLimit.Default;
        var request = http.Request;
        if (request.ContentLength > limit)
        {
            await RefuseAsync(http, limit);
            return;
        }

        // An endpoint that takes more than the server's own limit (an image upload) raises it for its requests alone.
        if (limit > BodyLimit.ServerMaximum && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = limit;
        }

        if (http.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            await next(http);
            return;
        }

        // A chunked body announces no length: it is read into memory here, at most limit bytes of it.
        var buffered = await ReadAtMostAsync(request.Body, limit, http.RequestAborted);
        if (buffered is null)
        {
            await RefuseAsync(http, limit);
            return;
        }

        http.Response.RegisterForDispose(buffered);
        request.Body = buffered;
        await next(http);
    }

    private static async Task<MemoryStream?> ReadAtMostAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        var buffered = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffered.Length + read > limit)
                {
                    await buffered.DisposeAsync();
                    return null;
                }

                buffered.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        buffered.Position = 0;
        return buffered;
    }

    private static async Task RefuseAsync(HttpContext http, long limit)
    {
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        var texts = http.RequestServices.GetRequiredService<ProblemTexts>();
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Type = ProblemTypes.For("body-too-large"),
                Title = texts.Title(StatusCodes.Status413PayloadTooLarge),
                Detail = texts.BodyTooLargeDetail(limit),
            },
        });
    }
}
