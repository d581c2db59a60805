namespace Aggregator.Search;

/// <summary>Which parameters an endpoint takes, and its page size.</summary>
/// <param name="Paged">Answers in pages (takes limit and cursor).</param>
public sealed record JobQueryRules(int DefaultLimit, int MaxLimit, bool AllowSort, bool Paged = true)
{
    /// <summary>The endpoint's own parameters beside the job query's (the trends' metric and period), accepted and documented with them.</summary>
    public IReadOnlyList<SearchParameter> Extra { get; init; } = [];

    public static readonly JobQueryRules Api = new(20, 100, AllowSort: true);
    // Readers only read a feed's first page, and poll it all day: 25 newest items (~70 KB with descriptions)
    // serve them, and are served from the output cache at about twice the rate of 50 (bench/README.md).
    public static readonly JobQueryRules Feed = new(25, 200, AllowSort: false);
    public static readonly JobQueryRules Calendar = new(200, 200, AllowSort: false);
}
