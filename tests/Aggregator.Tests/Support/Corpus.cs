namespace Aggregator.Tests.Support;

/// <summary>
/// The real captured responses live outside the project, in <c>../shared/corpus</c> beside the repository
/// (or wherever <c>AGGREGATOR_CORPUS</c> points). They are data, not part of the repository, so a fresh clone elsewhere
/// lacks them: tests that read them skip, saying so, even under CI (unlike a missing program, see <see cref="ExternalTool"/>).
/// </summary>
public static class Corpus
{
    public static readonly string? Root = Find();

    static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("AGGREGATOR_CORPUS");
        if (!string.IsNullOrWhiteSpace(configured))
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(candidate) && dir.GetDirectories("shared").Length > 0 && System.IO.File.Exists(Path.Combine(candidate, "README.md")))
                return candidate;
        }
        return null;
    }

    /// <summary>Full path of a corpus file; skips the calling test when the corpus is not on this machine.</summary>
    public static string PathOf(params string[] parts)
    {
        if (Root is null)
            Assert.Skip("The real-response corpus (../shared/corpus beside the checkout, or AGGREGATOR_CORPUS) is not on this machine; this test reads it. It is data outside the repository, so this skips even under CI.");
        var path = Path.Combine([Root!, .. parts]);
        Assert.True(System.IO.File.Exists(path), $"Corpus file missing: {path}");
        return path;
    }

    public static byte[] Bytes(params string[] parts) => System.IO.File.ReadAllBytes(PathOf(parts));

    /// <summary>A UTF-8 corpus file with one passage replaced, for malformed-input tests built from real responses;
    /// fails when the passage is not there, so a test never passes on an edit that did not happen.</summary>
    public static byte[] Edited(string folder, string file, string from, string to)
    {
        var text = System.Text.Encoding.UTF8.GetString(Bytes(folder, file));
        Assert.Contains(from, text, StringComparison.Ordinal);
        return System.Text.Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>A schema from <c>../shared/validators</c> (beside the corpus); skips the test when absent.</summary>
    public static string Validator(string name)
    {
        var path = Root is null ? null : Path.Combine(Path.GetDirectoryName(Root)!, "validators", name);
        if (path is null || !System.IO.File.Exists(path))
            Assert.Skip($"The validator schema {name} (../shared/validators beside the checkout) is not on this machine; this test needs it. It is data outside the repository, so this skips even under CI.");
        return path!;
    }
}
