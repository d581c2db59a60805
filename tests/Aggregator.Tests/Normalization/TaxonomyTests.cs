using Aggregator.Normalization;

namespace Aggregator.Tests.Normalization;

public class TaxonomyTests
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
}
