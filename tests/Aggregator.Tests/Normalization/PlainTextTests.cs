using Aggregator.Normalization;

namespace Aggregator.Tests.Normalization;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt;Senior Engineer", "Senior Engineer")]
    [InlineData("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;Analyst", "Analyst")]
    [InlineData("<img src=x onerror=alert(1)>Designer", "Designer")]
    [InlineData("&lt;img src=x onerror=alert(1)&gt;Designer", "Designer")]
    [InlineData("Planner <img src=x onerror=alert(1)", "Planner")]
    [InlineData("<scr<script>ipt>alert(1)</script>Architect", "ipt>alert(1)Architect")]
    [InlineData("<!-- x --><style>b{}</style>Clerk", "Clerk")]
    [InlineData("Ends a CDATA ]]> section <![CDATA[ x ]]>", "Ends a CDATA ]]> section")]
    [InlineData("Research &amp; Development", "Research & Development")]
    [InlineData("Pay < $50k, grade > 7", "Pay < $50k, grade > 7")]
    public void EntitiesAreDecodedBeforeTagsAreRemovedSoNoEscapedTagSurvives(string text, string plain) =>
        Assert.Equal(plain, PlainText.Of(text));

    [Fact]
    public void ControlCharactersUnpairedSurrogatesAndBidiOverridesAreRemoved()
    {
        var text = "Data\0 \u0007Analyst\uFFFE \uD800\u202Egnp.exe\u202C \u2066x\u2069 \u0085end";

        Assert.Equal("Data Analyst gnp.exe x end", PlainText.Of(text));
    }

    [Fact]
    public void EmojiAndRightToLeftTextSurvive()
    {
        Assert.Equal("👩‍💻 Engineer 🚀", PlainText.Of("👩‍💻 Engineer 🚀"));
        Assert.Equal("مطور برمجيات أول", PlainText.Of("مطور برمجيات أول"));
    }

    [Fact]
    public void LongTextIsCutToFiveHundredCharactersWithoutSplittingASurrogatePair()
    {
        var text = new string('x', 498) + "🚀🚀🚀";

        var plain = PlainText.Of(text);

        Assert.True(plain.Length <= PlainText.MaxLength);
        Assert.EndsWith("x…", plain, StringComparison.Ordinal);
        Assert.Equal(PlainText.MaxLength, PlainText.Of(new string('y', 10_000)).Length);
    }

    [Theory]
    [InlineData("https://jobs.example.gov/a b", "https://jobs.example.gov/a%20b")]
    [InlineData("  http://jobs.example.gov/1  ", "http://jobs.example.gov/1")]
    [InlineData("javascript:alert(1)", "")]
    [InlineData(" JaVaScRiPt:alert(1)", "")]
    [InlineData("java\tscript:alert(1)", "")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=", "")]
    [InlineData("vbscript:msgbox(1)", "")]
    [InlineData("/careers/jobs/1", "")]
    [InlineData("ftp://jobs.example.gov/1", "")]
    public void OnlyAbsoluteHttpAndHttpsAddressesAreLinks(string url, string link) => Assert.Equal(link, PlainText.HttpUrl(url));

    [Fact]
    public void AnIdentifierKeepsItsTextButLosesControlsAndALongOneStaysUnique()
    {
        Assert.Equal("<b>42</b>", PlainText.Identifier(" <b>4\u00002</b>\u202E "));
        var a = PlainText.Identifier(new string('a', 5_000) + "1");
        var b = PlainText.Identifier(new string('a', 5_000) + "2");

        Assert.Equal(800, a.Length);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("data\0", "U+0000 (a control character)")]
    [InlineData("a\u001bb", "U+001B (a control character)")]
    [InlineData("line\nbreak and 🚀", null)]
    public void FirstForbiddenNamesTheCharacter(string text, string? expected) => Assert.Equal(expected, PlainText.FirstForbidden(text));

    // xunit serializes theory data, which would turn an unpaired surrogate into U+FFFD; hence a fact of its own.
    [Fact]
    public void FirstForbiddenNamesAnUnpairedSurrogate() =>
        Assert.Equal(("U+D800 (an unpaired surrogate)", "U+DC00 (an unpaired surrogate)"), (PlainText.FirstForbidden("x\uD800"), PlainText.FirstForbidden("\uDC00\uD83D\uDE80")));
}
