namespace Aggregator.Tests.Support;

/// <summary>The checkout the tests were built from, for the tests that read its files (the folder map, deploy/).</summary>
public static class Repository
{
    public static readonly string Root = Find();

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Aggregator.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Aggregator.sln above {AppContext.BaseDirectory}");
    }
}
