using Aggregator.Config;

namespace Aggregator.Scraping;

/// <summary>Section <c>Scraping:Runs</c>: when a run still marked running is given up as abandoned.</summary>
public sealed class ScrapeRunOptions : ISettings
{
    public static string Section => "Scraping:Runs";

    /// <summary>
    /// A run still running after this long is recorded as abandoned even while a session holds its lease (a node
    /// stuck, or a dead one whose connection the server has not noticed yet). A run's requests are capped in number
    /// and time, so a healthy one ends long before this.
    /// </summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromHours(6);

    public IEnumerable<(string Property, string Problem)> Check()
    {
        if (AbandonAfter < TimeSpan.FromMinutes(5))
            yield return (nameof(AbandonAfter), $"must be at least 00:05:00; got {AbandonAfter}");
    }
}
