namespace Aggregator.Search;

public sealed record RoleEntry(string Slug, string Name);

/// <summary>
/// The role slugs of shared/taxonomy.md §1. They are a public contract (they appear in feed URLs), so a
/// filter naming any other slug is refused rather than answered with an empty feed.
/// </summary>
public static class RoleCatalog
{
    public static readonly IReadOnlyList<RoleEntry> Digital =
    [
        new("software-engineering", "Software engineering"),
        new("devops-sre", "DevOps, cloud & site reliability"),
        new("cybersecurity", "Cyber security"),
        new("infrastructure-operations", "Infrastructure & IT operations"),
        new("network-engineering", "Networks & telecommunications"),
        new("it-support", "IT support & service desk"),
        new("it-service-management", "IT service management"),
        new("data-science", "Data science, ML & statistics"),
        new("data-analytics", "Data & BI analysis"),
        new("data-engineering", "Data engineering & databases"),
        new("product-management", "Product management"),
        new("delivery-project-management", "Delivery, IT project & programme management"),
        new("business-analysis", "Business & systems analysis"),
        new("user-research", "User research"),
        new("ux-service-design", "UX, interaction & service design"),
        new("content-design", "Content design & strategy"),
        new("qa-testing", "Quality assurance & testing (software)"),
        new("architecture", "Technology architecture"),
        new("gis", "GIS & geospatial technology"),
        new("digital-leadership", "Digital / IT leadership, strategy & governance"),
        new("it-generalist", "IT, unspecified specialty"),
    ];

    public const string NotDigital = "not-digital";

    static readonly Dictionary<string, RoleEntry> bySlug = Digital.ToDictionary(r => r.Slug, StringComparer.Ordinal);

    public static bool IsKnown(string slug) => bySlug.ContainsKey(slug) || slug == NotDigital;

    public static RoleEntry? Find(string slug) => bySlug.GetValueOrDefault(slug);
}
