using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Aggregator.Http;

/// <summary>
/// The one CORS policy: any origin may GET what we serve (feeds, API, OpenAPI document, health), without
/// credentials, since nothing we serve depends on who asks. It is the default policy, so <c>UseCors()</c>
/// applies it to every endpoint and a new GET endpoint is readable cross-origin without opting in.
/// </summary>
public static class Cors
{
    public static IServiceCollection AddPublicGetCors(this IServiceCollection services) =>
        services.AddCors(o => o.AddDefaultPolicy(Policy));

    static void Policy(CorsPolicyBuilder policy) => policy
        .AllowAnyOrigin()
        .WithMethods("GET")
        .AllowAnyHeader()
        .WithExposedHeaders("ETag", "Last-Modified", "Link")
        .SetPreflightMaxAge(TimeSpan.FromHours(1));
}
