namespace Aggregator.Sources.Fetching;

/// <summary>
/// A parsed robots.txt (RFC 9309): the group for our product token, else the <c>*</c> group; the longest
/// matching Allow/Disallow path wins, Allow on a tie; <c>*</c> and a trailing <c>$</c> are honoured.
/// </summary>
public sealed class RobotsTxt
{
    readonly List<(bool Allow, string Pattern)> rules;

    RobotsTxt(List<(bool, string)> rules) => this.rules = rules;

    public static readonly RobotsTxt AllowAll = new([]);
    public static readonly RobotsTxt DisallowAll = new([(false, "/")]);

    public static RobotsTxt Parse(string text, string productToken)
    {
        var groups = new List<(List<string> Agents, List<(bool, string)> Rules)>();
        (List<string> Agents, List<(bool, string)> Rules)? current = null;
        var lastWasAgent = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key == "user-agent")
            {
                if (!lastWasAgent || current is null)
                {
                    current = ([], []);
                    groups.Add(current.Value);
                }
                current.Value.Agents.Add(value.ToLowerInvariant());
                lastWasAgent = true;
                continue;
            }
            lastWasAgent = false;
            if (current is null || (key != "allow" && key != "disallow"))
                continue;
            if (key == "disallow" && value.Length == 0)
                continue; // an empty Disallow allows everything
            current.Value.Rules.Add((key == "allow", value));
        }

        // RFC 9309 §2.2.1: a group is ours when its user-agent names our product token, compared case-insensitively
        // and whole ("A" or "Aggregator" is someone else's group, not a prefix that captures "AggregatorBot").
        // Groups naming the same agent are merged; without one of ours, the "*" group applies.
        var token = productToken.ToLowerInvariant();
        bool Ours(string agent) => agent != "*" && agent.Split('/')[0].Trim() == token;
        var named = groups.Where(g => g.Agents.Any(Ours)).ToList();
        var rules = (named.Count > 0 ? named : groups.Where(g => g.Agents.Contains("*"))).SelectMany(g => g.Rules).ToList();
        return new RobotsTxt(rules);
    }

    public bool IsAllowed(Uri url)
    {
        var path = url.PathAndQuery;
        var best = -1;
        var allowed = true;
        foreach (var (allow, pattern) in rules)
        {
            if (!Matches(pattern, path))
                continue;
            var length = pattern.Length;
            if (length > best || (length == best && allow))
            {
                best = length;
                allowed = allow;
            }
        }
        return allowed;
    }

    static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        if (anchored)
            pattern = pattern[..^1];
        var parts = pattern.Split('*');
        var position = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = Uri.UnescapeDataString(parts[i]);
            if (i == 0)
            {
                if (!Uri.UnescapeDataString(path).StartsWith(part, StringComparison.Ordinal))
                    return false;
                position = part.Length;
                continue;
            }
            var found = Uri.UnescapeDataString(path).IndexOf(part, position, StringComparison.Ordinal);
            if (found < 0)
                return false;
            position = found + part.Length;
        }
        return !anchored || position == Uri.UnescapeDataString(path).Length || pattern.EndsWith('*');
    }
}
