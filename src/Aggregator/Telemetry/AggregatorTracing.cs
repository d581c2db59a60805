using System.Diagnostics;

namespace Aggregator.Telemetry;

/// <summary>
/// The service's spans, on one <see cref="ActivitySource"/> named <c>Aggregator</c>: one per scrape run (source,
/// outcome and counts as attributes). With the platform's own sources (ASP.NET Core's requests, HttpClient's requests to
/// job sites, Npgsql's commands) a run reads as one trace: the run, each fetch under it, each statement under those.
/// Recorded and sent over OTLP only when <c>Telemetry:OtlpEndpoint</c> is set; otherwise starting a span costs nothing.
/// </summary>
public static class AggregatorTracing
{
    public const string SourceName = "Aggregator";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Every source a trace is made of: ours, inbound HTTP, outbound HTTP, PostgreSQL.</summary>
    public static readonly string[] TracedSources = [SourceName, "Microsoft.AspNetCore", "System.Net.Http", "Npgsql"];

    /// <summary>A scrape run's span; null when nobody listens.</summary>
    public static Activity? StartRun(string source, bool scheduled)
    {
        var activity = Source.StartActivity("scrape run");
        activity?.SetTag("aggregator.source", source);
        activity?.SetTag("aggregator.scheduled", scheduled);
        return activity;
    }

    /// <summary>What the run did, on its span; a failed or suspect run marks the span as an error.</summary>
    public static void RunFinished(Activity? activity, string outcome, bool healthy, string? reason, int seen, int created, int updated, int closed, int reopened)
    {
        if (activity is null)
            return;
        activity.SetTag("aggregator.outcome", outcome);
        activity.SetTag("aggregator.postings.seen", seen);
        activity.SetTag("aggregator.postings.new", created);
        activity.SetTag("aggregator.postings.updated", updated);
        activity.SetTag("aggregator.postings.closed", closed);
        activity.SetTag("aggregator.postings.reopened", reopened);
        activity.SetStatus(healthy ? ActivityStatusCode.Ok : ActivityStatusCode.Error, healthy ? null : reason ?? outcome);
    }
}
