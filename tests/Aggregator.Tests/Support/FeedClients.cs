namespace Aggregator.Tests.Support;

/// <summary>The real feed clients our output must satisfy: python3-feedparser, jing with the Atom schema, newsboat.</summary>
public static class FeedClients
{
    /// <summary>Asserts feedparser reads the feed with bozo 0; returns the number of entries.</summary>
    public static int AssertFeedparserClean(string urlOrFile)
    {
        ExternalTool.Require("/usr/bin/python3", "python3-feedparser", "-c \"import feedparser\"");
        var (code, output) = ExternalTool.Run("/usr/bin/python3",
            $"-c \"import feedparser,sys; d=feedparser.parse(sys.argv[1]); print(int(d.bozo), len(d.entries)); print(repr(d.get('bozo_exception')))\" {urlOrFile}");
        Assert.True(code == 0, output);
        var first = output.Split('\n')[0].Split(' ');
        Assert.True(first[0] == "0", $"feedparser bozo for {urlOrFile}: {output}");
        return int.Parse(first[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void AssertValidAtom(string file)
    {
        // The tool first: a missing jing fails under CI even where the schema (data, not in the repository) is absent.
        ExternalTool.Require("jing", "jing");
        var schema = Corpus.Validator("atom.rnc");
        var (code, output) = ExternalTool.Run("jing", $"-c {schema} {file}");
        Assert.True(code == 0, $"jing: {output}");
    }

    /// <summary>Runs newsboat on the feed URL with a throwaway HOME and returns the item titles it stored.</summary>
    public static IReadOnlyList<string> NewsboatTitles(Uri feed)
    {
        var home = Newsboat(feed.AbsoluteUri + "\n", "-x reload print-unread");
        ExternalTool.Require("/usr/bin/python3", "python3");
        var (code, titles) = ExternalTool.Run("/usr/bin/python3",
            $"-c \"import sqlite3,sys; [print(r[0]) for r in sqlite3.connect(sys.argv[1]).execute('select title from rss_item order by id')]\" {Path.Combine(home, "cache.db")}");
        Assert.True(code == 0, titles);
        return titles.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Has newsboat import an OPML file and returns the lines of the urls file it wrote.</summary>
    public static IReadOnlyList<string> NewsboatImport(string opml) => File.ReadAllLines(Path.Combine(Newsboat("", $"-i {opml}"), "urls"));

    /// <summary>Runs newsboat with a throwaway HOME whose urls file starts as <paramref name="urls"/>; returns that HOME.</summary>
    static string Newsboat(string urls, string arguments)
    {
        ExternalTool.Require("newsboat", "newsboat", "-v");
        var home = TestRun.Scratch("newsboat");
        File.WriteAllText(Path.Combine(home, "urls"), urls);
        var environment = new Dictionary<string, string?> { ["HOME"] = home, ["XDG_CONFIG_HOME"] = home, ["XDG_DATA_HOME"] = home };
        var (code, output) = ExternalTool.Run("newsboat", $"-u {Path.Combine(home, "urls")} -c {Path.Combine(home, "cache.db")} {arguments}",
            environment: environment, workingDirectory: home);
        Assert.True(code == 0, $"newsboat: {output}");
        return home;
    }
}
