using System.Diagnostics;
using Coo.Shared.Infrastructure.Observability;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Shared.Infrastructure.Web;

public static class ProblemDetailsSetup
{
    /// <summary>RFC 9457 bodies for every error, stamped with the correlation id; exception details never leave the host.</summary>
    public static IServiceCollection AddCooProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["correlationId"] = CorrelationContext.Current ?? context.HttpContext.TraceIdentifier;
            if (Activity.Current is { } activity)
            {
                problem.Extensions["traceId"] = activity.TraceId.ToString();
            }

            if (problem.Status == StatusCodes.Status500InternalServerError)
            {
                problem.Detail = context.HttpContext.RequestServices.GetRequiredService<ProblemTexts>().ServerFailureDetail;
                problem.Extensions.Remove("exception");
            }
        });
        // Unreadable bodies raise BadHttpRequestException in every environment, so one handler words the answer.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddLocalization();
        services.AddSingleton<ProblemTexts>();
        services.AddExceptionHandler<ValidationExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        return services;
    }
}
