namespace Aggregator.Http;

/// <summary>
/// The one CORS policy: any origin may GET the API and the feeds (coalitions embed them), without
/// credentials, since nothing we serve depends on who asks.
/// </summary>
public static class Cors
{
    public const string PublicGet = "public-get";

    public static IServiceCollection AddPublicGetCors(this IServiceCollection services) =>
        services.AddCors(o => o.AddPolicy(PublicGet, p => p
            .AllowAnyOrigin()
            .WithMethods("GET")
            .AllowAnyHeader()
            .WithExposedHeaders("ETag", "Last-Modified", "Link")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
}
