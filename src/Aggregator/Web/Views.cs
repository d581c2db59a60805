using Aggregator.Postings;
using Aggregator.Sources;

namespace Aggregator.Web;

public sealed record SourcesView(string Origin, IReadOnlyList<SourceHealth> Sources);

public sealed record ErrorView(string Origin, string Title, string Detail, IReadOnlyDictionary<string, string[]> Errors);

/// <param name="Theme">light or dark as the partner fixed it; null follows the reader's preference.</param>
/// <param name="Target">_blank in the frame (a link must not replace the partner's frame), else null.</param>
/// <param name="Id">Unique per list, so two embeds on one page keep their labels apart.</param>
public sealed record EmbedView(string Origin, string Id, string Title, IReadOnlyList<Job> Jobs, int Total, string More, string? Theme, string? Target, DateTimeOffset Now);
