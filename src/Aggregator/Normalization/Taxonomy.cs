namespace Aggregator.Normalization;

/// <summary>One digital-role category (or <c>not-digital</c>). Slugs are a public contract (feed URLs, stored labels): never renamed or removed, only added; see docs/taxonomy.md.</summary>
public sealed record RoleCategory(string Slug, string DisplayName, string Family, string Description)
{
    public bool IsDigital => Slug != Taxonomy.NotDigital;
}

/// <summary>A group of categories shown together (e.g. on /api/roles).</summary>
public sealed record RoleFamily(string Slug, string DisplayName);

/// <summary>The 21 digital categories plus <c>not-digital</c> of docs/taxonomy.md, grouped into seven families. TaxonomyTests checks that page against this list.</summary>
public static class Taxonomy
{
    public const string NotDigital = "not-digital";

    public static readonly IReadOnlyList<RoleFamily> Families =
    [
        new("engineering", "Engineering"),
        new("data", "Data"),
        new("design-research", "Design & research"),
        new("product-delivery", "Product & delivery"),
        new("security", "Security"),
        new("it-operations", "IT operations"),
        new("leadership", "Leadership"),
    ];

    public static readonly IReadOnlyList<RoleCategory> Categories =
    [
        new("software-engineering", "Software engineering", "engineering",
            "Designs, builds, tests and maintains application software: front end, back end, mobile, web, integration and low-code developers."),
        new("devops-sre", "DevOps, cloud & site reliability", "engineering",
            "Builds and runs delivery pipelines, cloud platforms, infrastructure as code, observability and reliability."),
        new("qa-testing", "Quality assurance & testing (software)", "engineering",
            "Tests software and digital services, manual and automated; test management."),
        new("architecture", "Technology architecture", "engineering",
            "Enterprise, solution, technical, data, security, network and cloud architecture for IT systems."),
        new("data-science", "Data science, ML & statistics", "data",
            "Statistical and machine-learning models, AI, experimental design and inference; statisticians."),
        new("data-analytics", "Data & BI analysis", "data",
            "Analyses and reports on data for decisions: BI dashboards, reporting, performance analysis, evaluation."),
        new("data-engineering", "Data engineering & databases", "data",
            "Data pipelines, ETL, warehouses, data modelling, database administration and data management."),
        new("gis", "GIS & geospatial technology", "data",
            "Geographic information systems: spatial data, analysis, mapping applications and enterprise GIS."),
        new("user-research", "User research", "design-research",
            "Plans and runs research with the users of services: interviews, usability testing, research operations."),
        new("ux-service-design", "UX, interaction & service design", "design-research",
            "Designs how digital services work and feel: UX/UI, interaction, service, product and accessibility design."),
        new("content-design", "Content design & strategy", "design-research",
            "Writes and structures the words of digital services: content design, content strategy, UX writing, technical writing."),
        new("product-management", "Product management", "product-delivery",
            "Owns a digital product or service: vision, roadmap, prioritisation and outcomes; product and service owners."),
        new("delivery-project-management", "Delivery, IT project & programme management", "product-delivery",
            "Runs delivery of technology projects and programmes: delivery managers, scrum masters, IT project managers."),
        new("business-analysis", "Business & systems analysis", "product-delivery",
            "Elicits and analyses requirements and translates needs into system or service changes."),
        new("cybersecurity", "Cyber security", "security",
            "Protects IT systems and data: security engineering and operations, risk and compliance, incident response, CISO."),
        new("infrastructure-operations", "Infrastructure & IT operations", "it-operations",
            "Servers, operating systems, storage, directory and e-mail platforms, application operations and computer operations."),
        new("network-engineering", "Networks & telecommunications", "it-operations",
            "LAN/WAN, routing and switching, wireless, voice/IP telephony and data communications."),
        new("it-support", "IT support & service desk", "it-operations",
            "First- and second-line support, help and service desk, desktop and end-user computing."),
        new("it-service-management", "IT service management", "it-operations",
            "ITIL processes (incident, problem, change, release), IT service owners, IT asset, licence and vendor management."),
        new("it-generalist", "IT, unspecified specialty", "it-operations",
            "Clearly an IT or digital job whose title names no specialty, e.g. \"IT Specialist\"; multi-role digital hiring."),
        new("digital-leadership", "Digital / IT leadership, strategy & governance", "leadership",
            "Leads IT or digital across disciplines, or sets IT policy, strategy, investment, portfolio and audit: CIO, CTO, CDO."),
        new(NotDigital, "Not a digital role", "",
            "Everything else, including look-alikes that share words with digital roles (civil engineers, budget analysts, acquisition product managers)."),
    ];

    static readonly Dictionary<string, RoleCategory> BySlug = Categories.ToDictionary(c => c.Slug, StringComparer.Ordinal);

    public static RoleCategory Get(string slug) =>
        BySlug.TryGetValue(slug, out var category) ? category : throw new ArgumentException($"Unknown role category '{slug}'.", nameof(slug));

    public static bool TryGet(string slug, out RoleCategory category) => BySlug.TryGetValue(slug, out category!);

    public static bool IsKnown(string slug) => BySlug.ContainsKey(slug);
}
