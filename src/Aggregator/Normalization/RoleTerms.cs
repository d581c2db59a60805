namespace Aggregator.Normalization;

/// <summary>
/// What a domain word is about. The first 21 are the taxonomy's digital categories; the rest are words whose category
/// depends on the role noun they modify or on the setting ("systems" analyst is business analysis, "systems" administrator is
/// infrastructure, a "systems" engineer is digital only in an IT setting).
/// </summary>
enum Area : byte
{
    None,
    Swe, DevOps, Cyber, Infra, Network, Support, Itsm, Science, Analytics, DataEng, Product, Delivery, BA, Research, Ux, Content, Qa,
    Arch, Gis, Lead, Generalist,
    // Words that say "IT" without a specialty: information technology, ICT, computer, technology.
    It,
    // "digital", "digital services".
    Digital,
    Data, Systems, Security, NetworkWord, Application, Design, Engineering, Infrastructure, Operations, SupportWord, Platform, Automation,
    Web, Test, Quality, Business, Telecom, Mainframe, ContentWord, Performance, DeliveryWord, Service,
    // "project", "PMO": project delivery, digital only in an IT setting.
    ProjectWord,
    // "partnerships", "community": a delivery role at a digital-service or civic-tech organization, otherwise not digital.
    CivicWord,
    // "incident response", "vulnerability": security operations for analysts and engineers; for coordinators only in an IT setting.
    SecurityOps,
    // "threat": cyber only in an IT setting (a police or military threat analyst is not).
    Threat,
    // "forensics", "audit": digital forensics and IT audit in an IT setting, otherwise not digital.
    Forensic, Audit,
    // "compliance", "risk": security governance, risk and compliance in an IT setting, otherwise not digital.
    Governance,
    // "CAD": computer-aided dispatch in an IT setting, computer-aided drafting otherwise.
    Cad,
    // Enterprise packages (Salesforce, ServiceNow, SAP): developers build on them, administrators and analysts run them.
    Package,
    NotDigital,
}

/// <summary>The role noun at the end of a title's noun phrase ("… Analyst", "… Engineer", "Head of …").</summary>
enum Head : byte
{
    None, Engineer, Developer, Analyst, Specialist, Administrator, Technician, Operator, Manager, Executive, Architect, Designer,
    Researcher, Scientist, Writer, Tester, Owner, Trainee, Auditor, Project, Planner, Support, Strategist, Assistant, Consultant,
    Coordinator, Steward, Trainer,
}

enum TermKind : byte
{
    // A role noun: engineer, analyst, director.
    Head,
    // A modifier naming the field: security, data, GIS, budget.
    Domain,
    // A whole role whose words are not composed: scrum master, civil engineer, program analyst, CIO.
    Role,
    // An OPM 2210 specialty code: APPSW, INFOSEC.
    Code,
    // Names a digital-service team or the digital profession: 18F, GDS, DDaT.
    Context,
    // Starts an organization's name ("Department of", "Office of"): what follows is not the role.
    Org,
    // of, for, and: joins a head to its complement.
    Connector,
}

[Flags]
enum TermFlags : ushort
{
    None = 0,
    // A not-digital term that nothing overrides: civil engineer, attorney, police.
    Hard = 1,
    // A not-digital class title that a parenthetical naming a digital field may override: "Program Analyst (Data Analytics)".
    Overridable = 2,
    // A generic class title ("IT Specialist", "ITS 3"): a parenthetical, a working title or a specific series says more.
    ClassTitle = 4,
    // Digital only in an IT setting (an IT word, series, source category, organization or description).
    NeedsSetting = 8,
    // Counts only inside parentheses, where agencies put 2210 specialties: "(NETWORK)".
    ParenOnly = 16,
    // Puts the whole title in an IT setting: "IT", "information technology".
    GivesSetting = 32,
    // Names a digital-service organization: bare "Designer" there is a UX designer (taxonomy rule 12).
    DigitalOrg = 64,
    // A head word that is a level when it follows another role noun: "IS Engineer-Principal", "Software Engineer Lead".
    CanModify = 128,
    // Digital unless the organization says otherwise: a bare UK "Delivery Manager" is a digital delivery manager.
    DefaultDigital = 256,
    // Too common to count on its own: gives no IT setting and is no description evidence ("technology", "its").
    Weak = 512,
    // A specialty abbreviation that refines the role before it when written in parentheses: "Infrastructure Engineer (DBA)".
    Specialty = 1024,
    // Says what a product or delivery role beside it manages is not digital: "(Acquisition)", "- Construction".
    ProgrammeContext = 2048,
    // A not-digital phrase that names a person's job ("police officer", "bus driver"), not only a field ("office").
    RoleLike = 4096,
}

/// <summary>One entry of the title vocabulary.</summary>
sealed class Term(string text, TermKind kind, Area area, Head head, TermFlags flags)
{
    public string Text { get; } = text;
    public TermKind Kind { get; } = kind;
    public Area Area { get; } = area;
    public Head Head { get; } = head;
    public TermFlags Flags { get; } = flags;

    public bool Has(TermFlags flag) => (Flags & flag) != 0;
    public bool IsNegative => Area == Area.NotDigital;
    public bool IsHardNegative => Area == Area.NotDigital && Has(TermFlags.Hard);

    public override string ToString() => Text;
}

static class Areas
{
    static readonly string[] Slugs =
    [
        "", "software-engineering", "devops-sre", "cybersecurity", "infrastructure-operations", "network-engineering", "it-support",
        "it-service-management", "data-science", "data-analytics", "data-engineering", "product-management",
        "delivery-project-management", "business-analysis", "user-research", "ux-service-design", "content-design", "qa-testing",
        "architecture", "gis", "digital-leadership", "it-generalist",
    ];

    /// <summary>True for the 21 taxonomy categories.</summary>
    public static bool IsCategory(Area area) => area is > Area.None and <= Area.Generalist;

    public static string Slug(Area area) => IsCategory(area) ? Slugs[(int)area] : Taxonomy.NotDigital;

    /// <summary>
    /// The head × domain rule: what a role noun means with a given field word in front of (or after "of") it. Returns a
    /// taxonomy category, <see cref="Area.NotDigital"/>, or <see cref="Area.None"/> when the words alone do not decide
    /// (a "Systems Engineer" outside an IT setting). <paramref name="it"/> says whether the title sits in an IT setting,
    /// <paramref name="team"/> whether the organization is a digital-service team or civic-tech organization.
    /// </summary>
    public static Area Compose(Area domain, Head head, bool it, bool team)
    {
        if (domain == Area.NotDigital)
            return Area.NotDigital;
        if (IsCategory(domain))
            return Specific(domain, head);
        return domain switch
        {
            Area.It => head switch
            {
                Head.Developer => Area.Swe,
                Head.Technician or Head.Support or Head.Assistant or Head.Trainer => Area.Support,
                Head.Operator => Area.Infra,
                Head.Executive or Head.Auditor or Head.Planner or Head.Strategist => Area.Lead,
                Head.Architect => Area.Arch,
                Head.Designer => Area.Ux,
                Head.Writer => Area.Content,
                Head.Tester => Area.Qa,
                Head.Owner => Area.Product,
                Head.Project => Area.Delivery,
                Head.Researcher or Head.Scientist => Area.None,
                _ => Area.Generalist,
            },
            Area.Digital => head switch
            {
                Head.Designer => it || team ? Area.Ux : Area.None,
                Head.Developer or Head.Engineer => Area.Swe,
                Head.Executive or Head.Manager or Head.Strategist or Head.Planner => Area.Lead,
                Head.Project => Area.Delivery,
                Head.Owner => Area.Product,
                Head.Analyst => Area.Analytics,
                Head.Researcher => Area.Research,
                Head.Writer => Area.Content,
                Head.Architect => Area.Arch,
                Head.Tester => Area.Qa,
                _ => Area.Generalist,
            },
            Area.Data => head switch
            {
                Head.Engineer or Head.Developer or Head.Administrator or Head.Manager or Head.Steward or Head.Owner => Area.DataEng,
                Head.Scientist or Head.Researcher => Area.Science,
                Head.Architect => Area.Arch,
                Head.Executive or Head.Strategist => Area.Lead,
                Head.Project => Area.Delivery,
                Head.Designer => Area.DataEng,
                Head.Analyst or Head.Specialist or Head.Coordinator or Head.Consultant or Head.Planner => Area.Analytics,
                _ => Area.None,
            },
            Area.Systems => head switch
            {
                Head.Analyst => Area.BA,
                Head.Administrator => Area.Infra,
                Head.Developer => Area.Swe,
                Head.Architect => Area.Arch,
                Head.Engineer or Head.Operator or Head.Technician or Head.Specialist or Head.Support or Head.Consultant
                    or Head.Coordinator => it ? Area.Infra : Area.None,
                Head.Manager or Head.Trainee => it ? Area.Generalist : Area.None,
                Head.Executive => it ? Area.Lead : Area.None,
                Head.Tester => Area.Qa,
                Head.Project => it ? Area.Delivery : Area.None,
                _ => Area.None,
            },
            Area.Security => head switch
            {
                Head.Engineer or Head.Analyst or Head.Administrator or Head.Tester or Head.Researcher or Head.Developer => Area.Cyber,
                Head.Architect => Area.Arch,
                _ => it ? Area.Cyber : Area.None,
            },
            Area.SecurityOps => head switch
            {
                Head.Engineer or Head.Analyst or Head.Administrator or Head.Tester or Head.Researcher or Head.Developer
                    or Head.Specialist => Area.Cyber,
                Head.Architect => Area.Arch,
                _ => it ? Area.Cyber : Area.None,
            },
            Area.Threat => it ? (head == Head.Architect ? Area.Arch : Area.Cyber) : Area.None,
            Area.Forensic => it ? Area.Cyber : Area.NotDigital,
            Area.Governance => it ? (head is Head.Executive or Head.Auditor ? Area.Lead : Area.Cyber) : Area.NotDigital,
            Area.Cad => it ? Area.Infra : Area.NotDigital,
            Area.Package => head switch
            {
                Head.Developer or Head.Engineer => Area.Swe,
                Head.Architect => Area.Arch,
                Head.Owner or Head.Manager or Head.Executive or Head.Strategist => Area.Product,
                Head.Project => Area.Delivery,
                Head.Tester => Area.Qa,
                _ => Area.Infra,
            },
            Area.Audit => it ? Area.Lead : Area.NotDigital,
            Area.NetworkWord => head switch
            {
                Head.Architect => Area.Arch,
                Head.Engineer or Head.Administrator or Head.Analyst or Head.Technician or Head.Specialist or Head.Developer
                    or Head.Operator or Head.Support or Head.Designer => Area.Network,
                _ => it ? Area.Network : Area.None,
            },
            Area.Telecom => head switch
            {
                Head.Architect => Area.Arch,
                Head.Engineer or Head.Analyst or Head.Specialist or Head.Administrator or Head.Consultant => Area.Network,
                _ => it ? Area.Network : Area.None,
            },
            Area.Application => head switch
            {
                Head.Developer or Head.Engineer or Head.Executive => Area.Swe,
                Head.Architect => Area.Arch,
                Head.Tester => Area.Qa,
                Head.Project => Area.Delivery,
                Head.Designer => Area.Ux,
                _ => Area.Infra,
            },
            Area.Mainframe => head switch
            {
                Head.Developer => Area.Swe,
                Head.Architect => Area.Arch,
                Head.Tester => Area.Qa,
                _ => Area.Infra,
            },
            Area.Web => head switch
            {
                Head.Developer or Head.Engineer or Head.Administrator => Area.Swe,
                Head.Designer => Area.Ux,
                Head.Analyst => Area.Analytics,
                Head.Architect => Area.Arch,
                Head.Tester => Area.Qa,
                _ => Area.Content,
            },
            Area.Design => head switch
            {
                Head.Designer or Head.Manager or Head.Executive or Head.Strategist or Head.Specialist or Head.Consultant
                    or Head.Technician => it || team ? Area.Ux : Area.None,
                Head.Researcher => Area.Research,
                _ => Area.None,
            },
            Area.Engineering => head switch
            {
                Head.Technician => Area.NotDigital,
                Head.Manager or Head.Executive => it || team ? Area.Swe : Area.None,
                _ => team ? Area.Swe : Area.None,
            },
            Area.Infrastructure => head switch
            {
                Head.Architect => Area.Arch,
                Head.Engineer or Head.Administrator or Head.Analyst or Head.Specialist or Head.Technician or Head.Operator
                    or Head.Support => Area.Infra,
                Head.Project => it ? Area.Delivery : Area.None,
                Head.Developer => Area.DevOps,
                _ => it ? Area.Infra : Area.None,
            },
            Area.Operations => it ? head switch
            {
                Head.Architect => Area.Arch,
                Head.Project => Area.Delivery,
                _ => Area.Infra,
            } : Area.None,
            Area.SupportWord => it ? head switch
            {
                Head.Architect => Area.Arch,
                Head.Executive => Area.Lead,
                _ => Area.Support,
            } : Area.None,
            Area.Platform => head switch
            {
                Head.Engineer or Head.Developer or Head.Administrator or Head.Specialist or Head.Technician or Head.Support
                    or Head.Operator or Head.Analyst => Area.DevOps,
                Head.Owner => Area.Product,
                Head.Architect => Area.Arch,
                Head.Manager or Head.Executive or Head.Strategist => it ? Area.Product : Area.None,
                _ => Area.None,
            },
            Area.Automation => head switch
            {
                Head.Engineer or Head.Developer or Head.Specialist or Head.Analyst or Head.Architect => Area.DevOps,
                Head.Tester => Area.Qa,
                _ => it ? Area.DevOps : Area.None,
            },
            Area.Test => head switch
            {
                Head.Engineer or Head.Analyst or Head.Manager or Head.Tester or Head.Developer or Head.Architect or Head.Executive
                    or Head.Strategist => Area.Qa,
                _ => it ? Area.Qa : Area.None,
            },
            Area.Quality => it || head == Head.Tester ? Area.Qa : Area.None,
            Area.Business => head switch
            {
                Head.Analyst => Area.BA,
                Head.Architect => Area.Arch,
                _ => Area.NotDigital,
            },
            Area.ContentWord => head switch
            {
                Head.Designer or Head.Strategist or Head.Writer => Area.Content,
                _ => it || team ? Area.Content : Area.None,
            },
            Area.Performance => head == Head.Analyst ? Area.Analytics : Area.NotDigital,
            Area.DeliveryWord => head switch
            {
                Head.Manager or Head.Project or Head.Executive or Head.Coordinator or Head.Consultant or Head.Specialist or Head.Analyst
                    or Head.Owner => Area.Delivery,
                _ => Area.None,
            },
            Area.Service => it ? head switch
            {
                Head.Designer => Area.Ux,
                Head.Owner => Area.Product,
                Head.Technician or Head.Assistant or Head.Support => Area.Support,
                Head.Executive => Area.Lead,
                Head.Architect => Area.Arch,
                _ => Area.Itsm,
            } : Area.None,
            Area.ProjectWord => it ? Area.Delivery : Area.None,
            Area.CivicWord => team && head is Head.Manager or Head.Project or Head.Executive ? Area.Delivery : Area.NotDigital,
            _ => Area.None,
        };
    }

    // A field that is itself a category: the head only moves it where the taxonomy says so.
    static Area Specific(Area domain, Head head) => head switch
    {
        // A clerk or aide handles the records of a field, not its analysis: "Management Information Clerk".
        Head.Assistant when domain is Area.Analytics or Area.DataEng or Area.Science => Area.None,
        // "Product Specialist" and "Product Technician" are sales and support titles; a product manager, owner or lead is not.
        Head.Specialist or Head.Technician or Head.Assistant or Head.Consultant or Head.Coordinator when domain == Area.Product => Area.None,
        Head.Architect when domain is not (Area.Arch or Area.Lead or Area.Gis) => Area.Arch,
        Head.Designer => domain switch
        {
            Area.Content or Area.Ux or Area.DataEng or Area.Network or Area.Arch or Area.Gis => domain,
            _ => Area.Ux,
        },
        Head.Researcher => domain switch
        {
            Area.Science or Area.Cyber => domain,
            Area.Ux or Area.Research or Area.Product or Area.Content => Area.Research,
            _ => Area.NotDigital,
        },
        Head.Scientist => domain switch
        {
            Area.Science or Area.Analytics or Area.DataEng => Area.Science,
            Area.Swe or Area.Cyber or Area.Gis => domain,
            _ => Area.NotDigital,
        },
        Head.Writer => domain == Area.Cyber ? Area.Cyber : Area.Content,
        Head.Tester => domain == Area.Cyber ? Area.Cyber : Area.Qa,
        Head.Owner => domain is Area.DataEng or Area.Analytics ? Area.DataEng : Area.Product,
        Head.Auditor => domain == Area.Cyber ? Area.Cyber : Area.Lead,
        Head.Project => domain is Area.Cyber or Area.Gis or Area.Product ? domain : Area.Delivery,
        Head.Executive => domain == Area.Generalist ? Area.Lead : domain,
        Head.Technician => domain == Area.Generalist ? Area.Support : domain,
        // Taxonomy §3.4: an "Azure administrator" runs infrastructure; an Azure engineer builds the platform (§3.2).
        Head.Administrator when domain == Area.DevOps => Area.Infra,
        Head.Developer => domain switch
        {
            Area.DataEng or Area.Analytics or Area.Gis or Area.DevOps or Area.Content or Area.Infra or Area.Qa => domain,
            _ => Area.Swe,
        },
        _ => domain,
    };
}
