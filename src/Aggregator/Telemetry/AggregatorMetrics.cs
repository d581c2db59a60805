using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Aggregator.Telemetry;

/// <summary>
/// The service's own instruments, on one <see cref="Meter"/> named <c>Aggregator</c>, exported at <c>/metrics</c> in
/// Prometheus' text format (README, Observability, lists the series). Each stage records what only it knows: the
/// fetcher the requests per host, the runner the runs and postings, the answer cache its hits. HTTP requests by route
/// come from ASP.NET Core's own <c>http.server.request.duration</c>.
/// </summary>
public static class AggregatorMetrics
{
    public const string MeterName = "Aggregator";

    static readonly Meter meter = new(MeterName);

    static readonly Counter<long> runs = meter.CreateCounter<long>("aggregator.scrape.runs", "{run}", "Scrape runs finished, by source and outcome.");
    static readonly Histogram<double> runDuration = meter.CreateHistogram<double>("aggregator.scrape.run.duration", "s", "How long a scrape run took, by source and outcome.");
    static readonly Counter<long> fetchRequests = meter.CreateCounter<long>("aggregator.fetch.requests", "{request}", "Requests to job sites, by host and HTTP status (0: no answer).");
    static readonly Counter<long> fetchBytes = meter.CreateCounter<long>("aggregator.fetch.bytes", "By", "Response bytes read from job sites, by host.");
    static readonly Counter<long> postings = meter.CreateCounter<long>("aggregator.postings", "{posting}", "Postings a run saw, and of them new, updated, closed and reopened, by source.");
    static readonly Counter<long> cacheLookups = meter.CreateCounter<long>("aggregator.cache.lookups", "{lookup}", "Answer cache lookups, by result (hit or miss).");
    static readonly Counter<long> misfires = meter.CreateCounter<long>("aggregator.scheduler.misfires", "{misfire}", "Scheduled firings that started later than Scheduler:MisfireThreshold, by source.");
    static readonly Counter<long> webSubDeliveries = meter.CreateCounter<long>("aggregator.websub.deliveries", "{delivery}", "WebSub pushes of a changed feed to a subscriber, by outcome (delivered, failed, gone).");
    static readonly Counter<long> webSubVerifications = meter.CreateCounter<long>("aggregator.websub.verifications", "{verification}", "WebSub intent verifications, by mode and outcome (confirmed, refused).");
    static readonly Histogram<double> memoryTrims = meter.CreateHistogram<double>("aggregator.memory.trim.duration", "s", "Collections run when the node went quiet after load (Memory:TrimWhenIdle), and each one's pause.");
    static readonly ConcurrentDictionary<string, long> openJobs = new(StringComparer.Ordinal);

    static AggregatorMetrics() =>
        meter.CreateObservableGauge("aggregator.jobs.open", () => openJobs.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("source", p.Key))),
            "{job}", "Open jobs per source, as counted after the source's last run on this node.");

    public static void RunFinished(string source, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "source", source }, { "outcome", outcome } };
        runs.Add(1, tags);
        runDuration.Record(elapsed.TotalSeconds, tags);
    }

    public static void PostingsCounted(string source, int seen, int created, int updated, int closed, int reopened)
    {
        Add(seen, "seen");
        Add(created, "new");
        Add(updated, "updated");
        Add(closed, "closed");
        Add(reopened, "reopened");

        void Add(int count, string change)
        {
            // Zero is still recorded, so every series exists from a source's first run.
            postings.Add(count, new TagList { { "source", source }, { "change", change } });
        }
    }

    public static void OpenJobs(string source, long count) => openJobs[source] = count;

    public static void Fetched(string host, int status, long bytes)
    {
        fetchRequests.Add(1, new TagList { { "host", host }, { "status", status } });
        if (bytes > 0)
            fetchBytes.Add(bytes, new KeyValuePair<string, object?>("host", host));
    }

    public static void CacheLookup(bool hit) => cacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public static void Misfired(string source) => misfires.Add(1, new KeyValuePair<string, object?>("source", source));

    public static void WebSubDelivered(string outcome) => webSubDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void WebSubVerified(string mode, bool confirmed) =>
        webSubVerifications.Add(1, new TagList { { "mode", mode }, { "outcome", confirmed ? "confirmed" : "refused" } });

    public static void MemoryTrimmed(TimeSpan pause) => memoryTrims.Record(pause.TotalSeconds);
}
