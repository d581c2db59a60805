using System.Text.Json;
using Aggregator.Sources.Adapters;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class JsonContentTests
{
    static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void TextOfTrimsAndTreatsBlankAsAbsent()
    {
        var e = Parse("""{"a":"  GS  ","b":"   ","c":2210,"d":null}""");

        Assert.Equal(("GS", null, "2210", null, null), (e.TextOf("a"), e.TextOf("b"), e.TextOf("c"), e.TextOf("d"), e.TextOf("missing")));
        Assert.Equal("  GS  ", e.StringOf("a"));
    }

    [Fact]
    public void NumbersAreReadFromJsonNumbersAndFromStrings()
    {
        var e = Parse("""{"n":42,"s":" 42 ","money":"84,601.50","lat":"38.9","bad":"n/a","frac":1.5}""");

        Assert.Equal((42, 42, null, null), (e.IntOf("n"), e.IntOf("s"), e.IntOf("bad"), e.IntOf("frac")));
        Assert.Equal((84601.50m, 1.5m, null), (e.DecimalOf("money"), e.DecimalOf("frac"), e.DecimalOf("bad")));
        Assert.Equal((38.9, 42.0), (e.DoubleOf("lat"), e.DoubleOf("n")));
    }

    [Fact]
    public void BoolOfReadsBooleansAndTheirStrings()
    {
        var e = Parse("""{"t":true,"f":false,"s":"True","x":"yes"}""");

        Assert.Equal((true, false, true, (bool?)null, (bool?)null), (e.BoolOf("t"), e.BoolOf("f"), e.BoolOf("s"), e.BoolOf("x"), e.BoolOf("missing")));
    }

    [Fact]
    public void AccessorsOnAnAbsentOrNonObjectElementGiveNothing()
    {
        var array = Parse("[1,2]");

        Assert.Null(default(JsonElement).TextOf("a"));
        Assert.Null(array.IntOf("a"));
        Assert.Empty(array.Array("a"));
        Assert.Equal("array", array.Describe());
        Assert.Equal("an object with status, error", Parse("""{"status":404,"error":"x"}""").Describe());
    }

    [Fact]
    public void ValuesTakeASingleValueWhereAListIsAllowed()
    {
        var e = Parse("""{"one":"FULL_TIME","many":["FULL_TIME"," ","PART_TIME ",3],"none":null}""");

        Assert.Equal(["FULL_TIME"], e.Strings("one"));
        Assert.Equal(["FULL_TIME", "PART_TIME"], e.Strings("many"));
        Assert.Empty(e.Values("none"));
    }

    [Fact]
    public void AnEscapedHalfOfASurrogatePairBecomesTheReplacementCharacterInsteadOfFailingTheRead()
    {
        const string json = """{"high":"a\uD83Db","low":"c\uDE80d","pair":"\uD83D\uDE80","literal":"\\uD800"}""";

        using var document = JsonDocument.Parse(JsonContent.RepairSurrogates(json));
        var e = document.RootElement;

        Assert.Equal(("a\uFFFDb", "c\uFFFDd", "🚀", "\\uD800"), (e.StringOf("high"), e.StringOf("low"), e.StringOf("pair"), e.StringOf("literal")));
    }
}
