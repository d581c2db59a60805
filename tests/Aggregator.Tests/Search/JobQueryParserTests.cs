using Aggregator.Search;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Aggregator.Tests.Search;

public sealed class JobQueryParserTests
{
    static (JobQuery? Query, Dictionary<string, string[]> Errors) Parse(string name, string value) =>
        JobQueryParser.Parse(new QueryCollection(new Dictionary<string, StringValues> { [name] = value }), JobQueryRules.Api);

    [Theory]
    [InlineData("q", "data\0", "U+0000")]
    [InlineData("q", "data\u000b", "U+000B")]
    [InlineData("q", "\u001bdata", "U+001B")]
    [InlineData("q", "data\u0085", "U+0085")]
    [InlineData("role", "gis\0", "U+0000")]
    [InlineData("cursor", "abc\u0001", "U+0001")]
    [InlineData("limit", "1\u0000", "U+0000")]
    public void AControlCharacterInAnyParameterIsAnErrorNamingTheParameterAndTheCharacter(string name, string value, string character)
    {
        var (query, errors) = Parse(name, value);

        Assert.Null(query);
        Assert.Contains(errors[name], e => e.StartsWith($"Contains {character}", StringComparison.Ordinal));
    }

    // xunit serializes theory data, which would turn an unpaired surrogate into U+FFFD; hence a fact of its own.
    [Fact]
    public void AnUnpairedSurrogateIsAnErrorToo()
    {
        var (query, errors) = Parse("q", "data\ud800");

        Assert.Null(query);
        Assert.Equal("Contains U+D800 (an unpaired surrogate); remove it.", Assert.Single(errors["q"]));
    }

    [Theory]
    [InlineData("data\tengineer")]
    [InlineData("data\u202Eengineer")]
    [InlineData("👩‍💻 مطور")]
    public void WhitespaceBidiControlsAndAnyScriptAreSearchText(string q)
    {
        var (query, errors) = Parse("q", q);

        Assert.Empty(errors);
        Assert.Equal(q, query!.Q);
    }
}
