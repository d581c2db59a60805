namespace Aggregator.Normalization;

/// <summary>What a posting says about the role. Only the title is required; the rest settle what the title leaves open.</summary>
/// <param name="SeriesCodes">OPM series or local class codes, e.g. "2210"; group codes such as "2200" are ignored.</param>
/// <param name="Categories">The source's own category or job family, e.g. NEOGOV "IT and Computers".</param>
/// <param name="Organization">The hiring agency or department as posted, e.g. "Office of Information Technology".</param>
/// <param name="Context">The source definition's declared organization type (<see cref="Sources.OrganizationContext"/>); null means general.</param>
public sealed record RoleInput(
    string Title,
    IReadOnlyList<string>? SeriesCodes = null,
    IReadOnlyList<string>? Categories = null,
    string? Description = null,
    string? Organization = null,
    string? Context = null);

/// <summary>The decided category and why.</summary>
/// <param name="Family">The category's family slug; empty for not-digital.</param>
/// <param name="Evidence">Which input decided: "title", "series", "category", "organization" or "description".</param>
/// <param name="Reason">A human explanation, e.g. "title matched 'software engineer'".</param>
public sealed record Classification(string Category, string Family, bool IsDigital, string Evidence, string Reason)
{
    internal static Classification Digital(string slug, string evidence, string reason) =>
        new(slug, Taxonomy.Get(slug).Family, true, evidence, reason);

    internal static Classification NotDigital(string evidence, string reason) =>
        new(Taxonomy.NotDigital, "", false, evidence, reason);
}

public static class Evidence
{
    public const string Title = "title";
    public const string Series = "series";
    public const string Category = "category";
    public const string Organization = "organization";
    public const string Description = "description";
}
