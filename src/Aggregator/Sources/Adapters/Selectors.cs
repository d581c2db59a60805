using AngleSharp.Css.Parser;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Aggregator.Sources.Adapters;

/// <summary>AngleSharp parsing shared by the page adapters.</summary>
public static class Selectors
{
    static readonly CssSelectorParser SelectorParser = new();
    static readonly HtmlParser Parser = new();

    public static bool IsValid(string selector) => !string.IsNullOrWhiteSpace(selector) && SelectorParser.ParseSelector(selector) is not null;

    /// <summary>Parses a fetched page, decoded by its charset with the windows-1252 repair.</summary>
    public static IDocument Page(FetchedContent content) => Parser.ParseDocument(content.Text);
}
