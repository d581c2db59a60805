using Aggregator.Config;

namespace Aggregator.Telemetry;

/// <summary>Section <c>Telemetry</c>.</summary>
public sealed class TelemetryOptions : ISettings
{
    public static string Section => "Telemetry";

    /// <summary>
    /// An OpenTelemetry collector's OTLP/HTTP address (<c>http://collector:4318</c>): traces go to its <c>/v1/traces</c>
    /// as protobuf. Empty: no traces are recorded or sent (metrics are always at <c>/metrics</c>).
    /// </summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>The <c>service.name</c> every span carries.</summary>
    public string ServiceName { get; set; } = "aggregator";

    /// <summary>The address traces are posted to, or null when tracing is off.</summary>
    public Uri? TracesEndpoint =>
        string.IsNullOrWhiteSpace(OtlpEndpoint) ? null : new Uri(OtlpEndpoint.TrimEnd('/') + "/v1/traces");

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint)
            && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0))
            yield return (nameof(OtlpEndpoint), $"must be an absolute http or https address without a query (the collector's OTLP/HTTP port, e.g. http://collector:4318); got '{OtlpEndpoint}'");
        if (string.IsNullOrWhiteSpace(ServiceName))
            yield return (nameof(ServiceName), "must not be empty");
    }
}
