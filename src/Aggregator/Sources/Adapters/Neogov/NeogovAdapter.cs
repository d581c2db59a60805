namespace Aggregator.Sources.Adapters.Neogov;

/// <summary>
/// GovernmentJobs.com (NEOGOV) agencies, one <c>platform: neogov</c> key with two readers: the per-agency RSS
/// feed (<see cref="NeogovFeedReader"/>, the default) or, where an agency has no feed, the career list pages
/// (<see cref="NeogovPageReader"/>), as <c>mode</c> says.
/// </summary>
public sealed class NeogovAdapter : SourceAdapter<NeogovSettings>
{
    public override string Platform => "neogov";

    protected override IEnumerable<FetchRequest> Start(SourceContext source, NeogovSettings settings) =>
        [settings.PageMode ? NeogovPageReader.Request(settings, 1, 0) : NeogovFeedReader.Request(settings)];

    protected override AdapterPage Parse(SourceContext source, NeogovSettings settings, FetchRequest request, FetchedContent content) =>
        settings.PageMode ? NeogovPageReader.Parse(source, settings, request, content) : NeogovFeedReader.Parse(source, settings, content);
}
