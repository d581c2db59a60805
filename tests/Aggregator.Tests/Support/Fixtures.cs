namespace Aggregator.Tests.Support;

/// <summary>Fixture files we wrote ourselves, copied beside the test binary from <c>Fixtures/</c>.</summary>
public static class Fixtures
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(Path(parts));
}
