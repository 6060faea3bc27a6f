using Coo.Shared.Infrastructure.Observability;
using Microsoft.AspNetCore.Builder;

namespace Coo.Shared.Infrastructure.Web;

public static class ApplicationBuilderExtensions
{
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.UseMiddleware<CorrelationIdMiddleware>();
}
