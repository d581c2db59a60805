using AngleSharp.Dom;

namespace Aggregator.Sources.Adapters.Html;

/// <summary>Reads one field with the <c>selector@attribute</c> syntax of the HTML definitions.</summary>
public static class HtmlField
{
    public static bool IsValid(string field)
    {
        var (selector, _) = Split(field);
        return selector.Length == 0 || Selectors.IsValid(selector);
    }

    public static string? Text(IParentNode scope, string? field, string defaultAttribute = "")
    {
        var element = Element(scope, field, out var attribute);
        attribute = attribute.Length > 0 ? attribute : defaultAttribute;
        if (element is null)
            return null;
        return WebText.CleanOrNull(attribute.Length > 0 ? element.GetAttribute(attribute) : element.TextContent);
    }

    public static string? Html(IParentNode scope, string? field)
    {
        var element = Element(scope, field, out var attribute);
        if (element is null)
            return null;
        var html = attribute.Length > 0 ? element.GetAttribute(attribute) : element.InnerHtml;
        return string.IsNullOrWhiteSpace(html) ? null : html.Trim();
    }

    static IElement? Element(IParentNode scope, string? field, out string attribute)
    {
        attribute = "";
        if (string.IsNullOrWhiteSpace(field))
            return null;
        (var selector, attribute) = Split(field);
        if (selector.Length == 0)
            return scope as IElement ?? (scope as IDocument)?.DocumentElement;
        return scope.QuerySelector(selector);
    }

    static (string Selector, string Attribute) Split(string field)
    {
        // An attribute suffix is "@name" after the selector; "@" inside brackets belongs to the selector.
        var at = field.LastIndexOf('@');
        if (at < 0 || field.IndexOf(']', at) >= 0)
            return (field.Trim(), "");
        return (field[..at].Trim(), field[(at + 1)..].Trim());
    }
}
