using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Aggregator.Postings;

/// <summary>
/// The URL slug of a name (<c>Baltimore City</c> → <c>baltimore-city</c>): lower-case ASCII, accents dropped,
/// runs of anything else as one hyphen. Jurisdiction filters, feed shortcuts and the API all use it.
/// </summary>
public static partial class Slug
{
    public static string Of(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var ascii = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                ascii.Append(char.ToLowerInvariant(c));
        return NonSlug().Replace(ascii.ToString(), "-").Trim('-');
    }

    /// <summary>Whether a text is already a slug (also the shape of source ids: kebab-case).</summary>
    public static bool IsSlug(string text) => Pattern().IsMatch(text);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
