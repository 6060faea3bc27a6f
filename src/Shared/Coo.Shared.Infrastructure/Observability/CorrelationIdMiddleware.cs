using System.Buffers;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Coo.Shared.Infrastructure.Observability;

/// <summary>Takes the caller's <c>X-Correlation-ID</c> (or makes one), echoes it back, and makes it current for the request.</summary>
/// <remarks>Written here: the CorrelationId package is unmaintained and not served by this project's package source.</remarks>
internal sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Correlation-ID";
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = context.Request.Headers[HeaderName].ToString();
        if (!IsAcceptable(correlationId))
        {
            correlationId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        }

        context.TraceIdentifier = correlationId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = correlationId;
            return Task.CompletedTask;
        });

        using (CorrelationContext.Use(correlationId))
        {
            await next(context);
        }
    }

    // A caller-chosen id ends up in logs: keep it short and free of anything that could forge log lines.
    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= 64 && !value.AsSpan().ContainsAnyExcept(Allowed);
}
