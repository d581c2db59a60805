using System.Globalization;
using System.Xml.Linq;

namespace Aggregator.Sources.Adapters;

/// <summary>
/// RSS 2.0's <c>&lt;ttl&gt;</c>: how many minutes a reader may cache the channel before fetching it again. A feed reader
/// honours it, and so do we: the runner skips a scheduled run that comes sooner (<see cref="AdapterPage.RefreshAfter"/>).
/// </summary>
public static class FeedTtl
{
    /// <summary>Longest ttl we honour: a feed asking for a week would otherwise silence a source after one odd answer.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>The channel's ttl, or null when it has none or it is not a positive whole number of minutes.</summary>
    public static TimeSpan? Of(XElement? channel)
    {
        var text = channel?.Elements().FirstOrDefault(e => e.Name.LocalName == "ttl")?.Value.Trim();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes <= 0)
            return null;
        var ttl = TimeSpan.FromMinutes(minutes);
        return ttl < Longest ? ttl : Longest;
    }
}
