namespace Aggregator.Sources.Adapters;

/// <summary>Every platform adapter the service ships, by its <c>platform:</c> key.</summary>
public static class AdapterRegistry
{
    static readonly Dictionary<string, ISourceAdapter> adapters = new ISourceAdapter[]
    {
        new UsaJobs.UsaJobsAdapter(),
        new Neogov.NeogovAdapter(),
        new Greenhouse.GreenhouseAdapter(),
        new Lever.LeverAdapter(),
        new Socrata.SocrataAdapter(),
        new Html.HtmlAdapter(),
        new JsonLd.JsonLdAdapter(),
        new Rss.RssAdapter(),
        new UkCsj.UkCsjAdapter(),
        new Workday.WorkdayAdapter(),
        new Oracle.OracleAdapter(),
        new SuccessFactors.SuccessFactorsAdapter(),
        new JobAps.JobApsAdapter(),
        new SmartRecruiters.SmartRecruitersAdapter(),
        new Icims.IcimsAdapter(),
        new Taleo.TaleoAdapter(),
    }.ToDictionary(a => a.Platform, StringComparer.Ordinal);

    public static IEnumerable<string> Platforms => adapters.Keys.Order(StringComparer.Ordinal);

    public static ISourceAdapter? Find(string platform) => adapters.GetValueOrDefault(platform);

    public static ISourceAdapter Get(string platform) =>
        Find(platform) ?? throw new InvalidOperationException($"No adapter for platform '{platform}'");

    public static Type? SettingsTypeFor(string platform) => Find(platform)?.SettingsType;
}
