using System.Text.RegularExpressions;
using Aggregator.Normalization;

namespace Aggregator.Tests.Normalization;

public partial class TaxonomyTests
{
    [Fact]
    public void HasTwentyOneDigitalCategoriesAndNotDigital()
    {
        Assert.Equal(22, Taxonomy.Categories.Count);
        Assert.Equal(21, Taxonomy.Categories.Count(c => c.IsDigital));
        Assert.False(Taxonomy.Get(Taxonomy.NotDigital).IsDigital);
    }

    [Fact]
    public void EveryDigitalCategoryBelongsToAKnownFamily()
    {
        var families = Taxonomy.Families.Select(f => f.Slug).ToHashSet();
        Assert.Equal(7, families.Count);
        foreach (var category in Taxonomy.Categories.Where(c => c.IsDigital))
            Assert.Contains(category.Family, families);
        Assert.Equal("", Taxonomy.Get(Taxonomy.NotDigital).Family);
    }

    [Fact]
    public void SlugsAreKebabCaseWithNamesAndDescriptions()
    {
        foreach (var category in Taxonomy.Categories)
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", category.Slug);
            Assert.False(string.IsNullOrWhiteSpace(category.DisplayName));
            Assert.False(string.IsNullOrWhiteSpace(category.Description));
        }
    }

    [Theory]
    [InlineData("software-engineering", "engineering")]
    [InlineData("qa-testing", "engineering")]
    [InlineData("gis", "data")]
    [InlineData("content-design", "design-research")]
    [InlineData("business-analysis", "product-delivery")]
    [InlineData("cybersecurity", "security")]
    [InlineData("it-generalist", "it-operations")]
    [InlineData("digital-leadership", "leadership")]
    public void CategoryMapsToItsFamily(string slug, string family) => Assert.Equal(family, Taxonomy.Get(slug).Family);

    [Fact]
    public void UnknownSlugIsRejected() => Assert.Throws<ArgumentException>(() => Taxonomy.Get("blockchain"));

    [Fact]
    public void TheDocumentedTaxonomyListsExactlyTheSlugsNamesAndFamiliesOfTheCode()
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(repository.FullName, "Aggregator.sln")))
            repository = repository.Parent ?? throw new InvalidOperationException("Aggregator.sln not found above " + AppContext.BaseDirectory);
        var text = File.ReadAllText(Path.Combine(repository.FullName, "docs", "taxonomy.md"));

        var documented = SummaryRow().Matches(text).Select(m => (m.Groups["slug"].Value, m.Groups["name"].Value, m.Groups["family"].Value)).ToList();
        Assert.Equal(Taxonomy.Categories.Select(c => (c.Slug, c.DisplayName, c.Family)), documented);
        var families = FamilyRow().Matches(text).Select(m => (m.Groups["slug"].Value, m.Groups["name"].Value)).ToList();
        Assert.Equal(Taxonomy.Families.Select(f => (f.Slug, f.DisplayName)), families);
        foreach (var category in Taxonomy.Categories)
            Assert.Contains($"### `{category.Slug}`: ", text, StringComparison.Ordinal);
    }

    // "| `software-engineering` | Software engineering | `engineering` |"; not-digital's family is "(none)".
    [GeneratedRegex(@"^\| `(?<slug>[a-z-]+)` \| (?<name>[^|]+?) \| (?:`(?<family>[a-z-]+)`|\(none\)) \|$", RegexOptions.Multiline)]
    private static partial Regex SummaryRow();

    // "| `engineering` | Engineering | software engineering, … |"
    [GeneratedRegex(@"^\| `(?<slug>[a-z-]+)` \| (?<name>[^|`]+?) \| (?!\(none\))[^|`]+ \|$", RegexOptions.Multiline)]
    private static partial Regex FamilyRow();
}
