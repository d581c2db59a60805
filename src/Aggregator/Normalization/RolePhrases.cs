namespace Aggregator.Normalization;

// The title vocabulary of docs/taxonomy.md as data. A phrase's priority decides conflicts inside one title: the highest wins,
// and on a tie the leftmost wins (so "(APPSW/INFOSEC)" is APPSW, taxonomy rule 3).
// Scale: 100 hard negatives (a non-digital occupation no parenthetical can rescue: attorney, civil engineer, patent examiner);
// 80 OPM 2210 specialty codes; role phrases 40–65 (+30 when the role sits in parentheses, e.g. "Program Analyst (Data Analyst)");
// 58 soft negatives (budget, policy, functional "systems"), which beat vague role words but lose to explicit digital roles;
// 10–30 the bare IT words that only say "some IT job".
static class RolePhrases
{
    public const int Hard = 100;
    public const int CodePriority = 80;
    public const int ParenBonus = 30;
    public const int Soft = 58;

    const string Swe = "software-engineering", DevOps = "devops-sre", Cyber = "cybersecurity", Infra = "infrastructure-operations",
        Network = "network-engineering", Support = "it-support", Itsm = "it-service-management", Science = "data-science",
        Analytics = "data-analytics", DataEng = "data-engineering", Product = "product-management", Delivery = "delivery-project-management",
        BA = "business-analysis", Research = "user-research", Ux = "ux-service-design", Content = "content-design", Qa = "qa-testing",
        Arch = "architecture", Gis = "gis", Lead = "digital-leadership", Generalist = "it-generalist";

    public static PhraseTable BuildTitleTable()
    {
        var t = new PhraseTable();

        // OPM 2210 specialty codes and their spellings seen in postings (docs/taxonomy.md, 2210 table). Code words that are also ordinary
        // English ("network", "security", "internet") only count inside parentheses of a title that is already IT.
        Code(t, Swe, "appsw", "apsw", "app sw");
        Code(t, Cyber, "infosec", "info sec");
        Code(t, Infra, "sysadmin", "sys admin", "sysadm");
        Code(t, DataEng, "datamgt", "data mgmt", "data mgt", "datamgmt");
        Code(t, Support, "custspt", "cust spt", "custsupt");
        Code(t, Lead, "plcypln", "plcyplan", "plcy pln");
        Code(t, Arch, "entarch");
        Code(t, Delivery, "projmgt", "proj mgt");
        Add(t, BA, 45, PhraseFlags.Code, "sysanalysis", "sysanalys", "sys analysis");
        // (INET) means web development by default, but an explicit content title outranks it (docs/taxonomy.md, 2210 table).
        Add(t, Swe, 50, PhraseFlags.Code, "inet");
        ParenCode(t, Swe, "applications software", "application software");
        ParenCode(t, Cyber, "security", "information security", "it security", "cybersecurity");
        ParenCode(t, Infra, "os", "operating systems", "systems administration");
        ParenCode(t, Network, "network", "network services", "networks", "data communications", "datacom");
        ParenCode(t, Support, "customer support", "customer service");
        ParenCode(t, DataEng, "data management", "database", "data base");
        ParenCode(t, Lead, "policy and planning", "policy planning");
        ParenCode(t, Arch, "enterprise architecture");
        ParenCode(t, Delivery, "project management");
        ParenCode(t, BA, "systems analysis");
        ParenCode(t, Swe, "programming", "web development");
        ParenCode(t, Infra, "systems programming", "systems prog", "sys prog");

        Role(t, Swe, 60, "software engineer", "software engineers", "software developer", "software developers", "software development",
            "software engineering", "web developer", "web development", "application developer", "applications developer", "app developer",
            "application development", "applications development", "mobile developer", "mobile engineer", "ios developer", "ios engineer",
            "android developer", "android engineer", "full stack", "fullstack", "front end", "frontend", "back end", "backend",
            "programmer", "programmers", "programmer analyst", "computer programmer", "computer scientist", "computer engineer",
            "java developer", "net developer", "python developer", "salesforce developer", "sharepoint developer", "drupal developer",
            "wordpress developer", "crm developer", "abap developer", "sap developer", "peoplesoft developer", "dynamics developer",
            "power apps", "powerapps", "mainframe developer", "cobol", "integration engineer", "engineering manager", "it developer",
            "certified it developer", "cert it developer", "lead developer", "principal developer", "senior developer", "tech lead",
            "applications programmer", "software developer engineer");
        Role(t, Swe, 55, "computer science", "computer engineering", "technical lead", "ios", "android", "salesforce", "servicenow developer");
        // One above the soft negatives: "ERP Planning Developer" is a developer; housing and curriculum developers are hard negatives.
        Role(t, Swe, Soft + 1, "developer", "developers");
        Contextual(t, Swe, 40, "engineer", "engineers", "engineering");

        Role(t, DevOps, 60, "devops", "devsecops", "dev ops", "site reliability", "sre", "cloud engineer", "cloud engineering", "cloud operations",
            "cloud reliability", "cloud infrastructure", "cloud platform", "cloud specialist", "cloud administrator", "platform engineer",
            "platform engineering", "kubernetes", "aws", "azure", "gcp", "release engineer", "build engineer", "infrastructure developer");
        Role(t, DevOps, 50, "cloud");
        Role(t, DevOps, 55, "automation engineer");

        Role(t, Cyber, 60, "cyber", "cybersecurity", "cyber security", "it security", "information assurance", "isso", "issm", "soc analyst",
            "security operations center", "security operations centre", "penetration tester", "penetration testing", "pen tester", "red team",
            "digital forensic", "digital forensics", "ciso", "chief information security officer", "information systems security", "information system security", "security engineer", "cloud security",
            "application security", "network security", "vulnerability", "vulnerability management", "threat hunter", "malware",
            "security analyst", "csirt", "cert analyst", "identity and access management", "iam", "security operations analyst",
            "identity management");
        Role(t, Cyber, 60, "information security", "infosec analyst");
        Contextual(t, Cyber, 45, "incident response", "threat", "security");

        Role(t, Infra, 60, "systems administrator", "system administrator", "systems admin", "system admin", "windows administrator",
            "windows engineer", "linux", "unix", "vmware", "active directory", "directory services", "exchange engineer",
            "exchange administrator", "m365", "office 365", "microsoft 365", "data centre", "data center", "datacenter",
            "infrastructure engineer", "infrastructure operations", "it infrastructure", "it operations", "platform operations",
            "application operations", "application support", "applications support", "computer operator", "computer operation",
            "computer operations", "computer assoc operations", "computer associate operations", "systems programmer", "storage engineer",
            "storage administrator", "server administrator", "server engineer", "mainframe", "citrix", "sccm", "infrastructure specialist",
            "infrastructure analyst");
        Role(t, Infra, 55, "sharepoint", "o365", "application analyst", "applications analyst", "application administrator",
            "applications administrator");
        Contextual(t, Infra, 45, "systems engineer", "system engineer", "infrastructure", "production control", "systems specialist");

        Role(t, Network, 60, "network engineer", "network engineering", "network administrator", "network specialist",
            "network technician", "lan", "wan", "lan wan", "sdn", "voip", "ip telephony", "unified communications", "data communications",
            "data comm", "edge engineer", "wireless engineer", "network infrastructure", "routing", "cisco", "telecommunications specialist",
            "telecommunications engineer", "telecom engineer", "telephony", "telephony engineer", "it administrator wan", "it administrator lan");
        Role(t, Network, 55, "network analyst");
        Contextual(t, Network, 45, "network", "networks", "telecommunications", "telecommunication", "telecom", "telecoms", "network operations");

        Role(t, Support, 60, "help desk", "helpdesk", "service desk", "desktop support", "desktop technician", "desktop engineer", "it support",
            "tech support", "tech supp", "end user computing", "end user support", "end user services", "deskside", "computer technician",
            "computer service technician", "computer assistant", "computer clerk", "computer aide", "onsite support engineer",
            "on site support engineer", "second line support", "first line support", "it technician", "pc technician", "user support",
            "it support technician", "ict technician", "ict support", "technology support", "it helpdesk");
        Role(t, Support, 50, "technical support");
        Contextual(t, Support, 45, "support engineer", "support specialist", "support analyst", "technician", "support");

        Role(t, Itsm, 55, "it service", "servicenow");
        Role(t, Support, 60, "service desk manager", "it service desk");
        Role(t, Itsm, 60, "itsm", "it service manager", "it service management", "service transition", "change and release",
            "cmdb", "it asset", "it asset management", "software asset", "software licence", "software license", "software licensing",
            "technical account manager", "it knowledge manager", "it vendor manager", "it vendor management", "software officer", "itil",
            "problem manager", "it procurement manager");
        Contextual(t, Itsm, 45, "change manager", "release manager", "incident manager", "configuration manager", "vendor management",
            "vendor manager", "business relationship manager", "service delivery manager", "service manager", "asset management", "asset manager",
            "supplier manager");

        Role(t, Science, 60, "data scientist", "data scientists", "data science", "machine learning", "ml engineer", "mlops", "ai engineer",
            "ai specialist", "ai scientist", "ai researcher", "artificial intelligence", "nlp", "natural language processing", "computer vision",
            "statistician", "statisticians", "mathematical statistician", "econometrician", "ai ethicist", "data ethicist", "deep learning",
            "generative ai");
        Role(t, Science, 55, "ai");
        Contextual(t, Science, 45, "research scientist", "statistics", "scientist");

        Role(t, Analytics, 60, "data analyst", "data analysts", "data analytics", "data analysis", "business intelligence", "bi analyst",
            "bi developer", "bi engineer", "power bi", "tableau", "reporting analyst", "performance analyst", "digital evaluator",
            "analytics specialist", "analytics manager", "analytics lead", "data and analytics", "data visualization", "data visualisation",
            "data reporting", "analytics analyst", "insight analyst", "insights analyst", "web analytics", "digital analytics");
        Contextual(t, Analytics, 45, "analytics", "reporting specialist");

        Role(t, DataEng, 60, "data engineer", "data engineers", "data engineering", "etl", "data pipeline", "data pipelines", "data warehouse",
            "data warehousing", "database", "databases", "database administrator", "dba", "database developer", "data modeler",
            "data modeller", "data modelling", "data modeling", "analytics engineer", "data developer", "data platform", "big data",
            "data integration", "master data", "sql", "data architecture engineer", "it administrator database");
        Role(t, DataEng, 55, "data governance", "data management", "data manager", "data quality");

        Role(t, Product, 60, "product manager", "product managers", "product owner", "product owners", "product lead", "product director",
            "director of product", "head of product", "chief product officer", "product management", "technical product manager",
            "platform owner", "service owner", "product designer lead", "vp of product", "product specialist digital");

        Role(t, Delivery, 60, "delivery manager", "agile delivery", "scrum master", "agile coach", "programme delivery manager",
            "technical delivery manager", "it project manager", "it program manager", "it programme manager", "it project", "it pmo",
            "delivery lead", "scrum", "it project management", "technical program manager", "technical programme manager", "digital project manager", "technical project manager", "software project manager");
        Role(t, Delivery, 50, "agile");
        // Above the specialty words: in "IT Infrastructure Project Manager" the job is managing the project.
        Contextual(t, Delivery, 61, "project manager", "program manager", "programme manager", "project management", "program management",
            "project lead", "pmo", "project specialist", "program director", "programme director", "project coordinator", "project director");

        Role(t, BA, 60, "business analyst", "business analysts", "business analysis", "it business analyst", "business systems analyst",
            "requirements analyst", "systems analyst programmer");
        Role(t, BA, 50, "systems analyst", "system analyst");

        Role(t, Research, 60, "user researcher", "user research", "ux researcher", "ux research", "design researcher", "usability",
            "research operations", "researchops", "user research lead");
        Contextual(t, Research, 45, "researcher");

        Role(t, Ux, 60, "ux designer", "ui designer", "ux ui", "ui ux", "ux", "user experience", "interaction designer", "interaction design",
            "service designer", "service design", "product designer", "product design", "human centered design", "human centred design",
            "human centered designer", "hcd", "user centred design", "user centered design", "design system", "design systems",
            "digital accessibility", "accessibility specialist", "web designer", "web design", "cx designer", "experience designer");
        Contextual(t, Ux, 45, "visual designer", "graphic designer", "customer experience", "accessibility", "design lead", "head of design",
            "design");
        Contextual(t, Ux, 40, "designer", "designers");

        Role(t, Content, 60, "content designer", "content design", "content strategist", "content strategy", "ux writer", "web content",
            "digital content designer", "webmaster", "web master", "web producer", "technical writer", "technical author", "web editor",
            "website manager", "web manager", "content designers", "web content manager", "website editor",
            "website content", "web content editor");
        Contextual(t, Content, 45, "content manager", "content editor", "content specialist", "localization specialist", "writer", "content");

        Role(t, Qa, 60, "qa analyst", "qa tester", "qa engineer", "qa lead", "qa manager", "software tester", "software testing", "software quality",
            "test engineer", "test analyst", "test automation", "automation tester", "sdet", "qat", "quality assurance and test",
            "it quality assurance", "software qa", "test lead", "test manager", "testers", "tester", "performance tester", "accessibility tester");
        // "Software Engineer in Test" is a tester who codes, not a developer.
        Role(t, Qa, 61, "engineer in test", "engineers in test");
        Contextual(t, Qa, 45, "quality assurance engineer", "quality analyst", "quality assurance analyst", "quality assurance", "testing", "qa");

        Role(t, Arch, 65, "enterprise architect", "enterprise architecture", "solution architect", "solutions architect", "technical architect",
            "it architect", "integration architect", "security architect", "network architect", "data architect", "cloud architect",
            "software architect", "front end architect", "technology architect", "application architect", "applications architect",
            "infrastructure architect", "digital architect", "business architect", "systems architect", "platform architect",
            "cyber security architect", "cybersecurity architect", "information architect");
        Contextual(t, Arch, 45, "architect", "architecture");

        Role(t, Gis, 60, "gis", "geographic information", "geographic information systems", "geospatial", "geographical information",
            "esri", "arcgis", "geographic information officer");

        Role(t, Lead, 60, "cio", "chief information officer", "deputy cio", "chief technology officer", "chief digital officer",
            "chief digital and information officer", "cdio", "chief data officer", "chief product and technology officer",
            "it director", "director of information technology", "director of technology", "information technology director",
            "head of digital", "head of technology", "director of digital", "digital director", "director of digital services",
            "it governance", "it portfolio", "it audit", "it auditor", "information technology auditor", "it policy", "it strategy",
            "smart city", "data strategy", "digital strategy", "chief technologist", "chief information", "technology director",
            "digital transformation director", "director of innovation and technology", "chief innovation officer",
            "it compliance", "digital portfolio", "chief data and analytics officer", "cdao", "cto");
        // Below the disciplines: "Head of Data Science" is data science, a bare "Head of Data" leads data.
        Role(t, Lead, 55, "head of data", "director of data", "director of it", "head of it");
        Contextual(t, Lead, 40, "director", "directors", "chief", "head", "executive director", "deputy director", "executive", "vice president",
            "commissioner", "deputy commissioner", "assistant commissioner");

        // Bare IT words: they say "some IT job" and put the title in an IT setting for the contextual words above.
        Add(t, Generalist, 10, PhraseFlags.GivesContext, "it", "ict", "information technology", "information technologies", "its");
        Add(t, Generalist, 25, PhraseFlags.GivesContext, "it specialist", "information technology specialist", "it specialists", "it spec",
            "itspec", "it spc", "information technology specalist", "information technology specialsit", "it specalist", "informaton technology",
            "information tech", "computer specialist", "computer associate", "computer assoc", "it administrator", "information technology administrator",
            "certified it administrator", "cert it administrator", "it professional", "it professionals", "it analyst", "it officer",
            "it trainee", "it student trainee", "information systems", "it systems", "technology analyst", "information technology analyst",
            "it manager", "information technology manager", "computer systems manager", "it supervisor", "it associate", "it technician ii",
            "computer systems", "information systems specialist", "mis", "information technology specialist trainee");
        // California's and others' class titles carry no specialty, whatever generic word follows (docs/taxonomy.md, states and cities).
        Add(t, Generalist, 50, PhraseFlags.GivesContext, "information technology technician", "information technology associate",
            "information technology supervisor", "it supervisor i", "information technology manager i", "information technology manager ii");
        Add(t, Generalist, 40, PhraseFlags.NeedsContext, "various roles", "multiple roles", "multiple positions", "various positions");
        Add(t, Generalist, 30, PhraseFlags.GivesContext, "digital service", "digital services", "multiple digital service", "techtogov",
            "presidential innovation fellow", "presidential innovation fellows", "digital corps", "digital services expert",
            "innovation specialist", "digital fellow", "tech fellow");
        // Most government technologists are radiologic, surgical or medical; only a digital setting makes one an IT job.
        Add(t, Generalist, 30, PhraseFlags.NeedsContext, "technologist");

        // Digital organisations and prefixes whose bare "Engineer" or "Designer" means the digital kind (taxonomy rule 12).
        Context(t, "18f", "tts", "usds", "gds", "cds", "login gov", "digital", "ddat", "defence digital", "dwp digital", "hmrc digital",
            "technology transformation services", "government digital service", "digital data and technology", "cloud gov", "odi",
            "office of data and innovation", "doit", "oit", "technology services");

        SoftNegatives(t);
        HardNegatives(t);
        return t;
    }

    // Source categories (NEOGOV category, Workday job family, NYC job category) that say a job is IT.
    public static PhraseTable BuildCategoryTable()
    {
        var t = new PhraseTable();
        Role(t, Generalist, 20, "information technology", "it", "ict", "computers", "computer", "technology", "it and computers",
            "information technology and telecommunications", "technology data and innovation", "information systems", "information services",
            "technology and innovation", "digital", "information management and technology");
        Role(t, Network, 10, "telecommunications", "telecom");
        Role(t, Swe, 40, "software engineering", "software development", "software", "engineering software", "application development");
        Role(t, Cyber, 40, "cyber", "cyber security", "cybersecurity", "information security", "it security");
        Role(t, Science, 40, "data science", "machine learning");
        Role(t, Analytics, 40, "data and analytics", "analytics", "business intelligence");
        Role(t, Gis, 40, "gis", "geospatial");
        Role(t, Ux, 40, "user experience", "ux", "design and research");
        Role(t, Product, 40, "product management", "product");
        Role(t, Support, 40, "it support", "help desk", "service desk");
        Role(t, DevOps, 40, "devops", "cloud");
        Role(t, Network, 40, "network", "networking");
        return t;
    }

    static void SoftNegatives(PhraseTable t)
    {
        // 0801 systems engineering outranks "engineering manager" in "Systems Engineering Manager"; an IT series still wins.
        Add(t, Taxonomy.NotDigital, 62, PhraseFlags.None, PhraseKind.SoftNegative, "systems engineering");
        MoreSoftNegatives(t);
    }

    static void MoreSoftNegatives(PhraseTable t) => Add(t, Taxonomy.NotDigital, Soft, PhraseFlags.None, PhraseKind.SoftNegative,
        "budget", "budget analyst", "procurement", "contract", "contracts", "contracting", "purchasing", "policy", "policy analyst",
        "legislative", "program analyst", "management analyst", "management and program analyst", "staff analyst", "credit", "credit risk",
        "accounts payable", "financial", "finance", "accounting", "payroll", "human resources", "hr", "recruiter", "recruitment",
        "economist", "economists", "operations research", "intelligence specialist", "intelligence analyst", "intelligence", "crime",
        "emergency management", "investigator", "investigative", "investigations", "inspector", "auditor", "marketing", "communications",
        "public affairs", "writer editor", "editor", "visual information", "supply", "logistics", "financial systems", "supply systems",
        "supply system", "systems and procedures", "health systems", "hr information systems", "human resources information systems",
        "payroll systems", "logistics systems", "training systems", "weapons", "weapon", "weapons systems", "clinical", "medical",
        "forensic", "regulatory", "grants", "grant", "real property", "facilities", "facility", "construction", "business support",
        "support services", "administrative", "executive assistant", "assistant private secretary", "case manager", "caseworker",
        "stakeholder", "campaign", "engagement", "outreach", "statistical assistant", "statistics clerk", "research analyst",
        "social science research", "program specialist", "management and program", "administrative officer", "office manager",
        "customer service representative", "contact center", "contact centre", "call center", "call centre", "imagery", "records",
        "records management", "training", "curriculum", "education", "learning", "pipeline manager", "pipeline planner", "homeland security",
        "business development", "economic development", "professional development", "workforce development", "community development",
        "development officer", "fundraising", "enforcement", "compliance officer", "claims", "benefits", "eligibility", "medicaid",
        "mission support", "protective", "transportation security", "resilience", "planning", "planner", "archives", "library",
        "librarian", "museum", "appraisals", "diary", "risk analyst", "production controller", "quality assurance specialist",
        "quality assurance supervisor", "child welfare", "social services", "audits", "audit", "tax", "revenue", "trade", "negotiations",
        "security specialist", "security officer", "security advisor", "security adviser", "security manager", "security assistant", "housing", "real estate", "energy", "water", "wastewater", "sewer",
        "environmental", "electrical", "electronic", "electronics", "mechanical", "healthcare", "health care", "aerospace", "transit", "rail",
        "railway", "food", "media", "school", "radio", "fuel", "maintenance", "operator", "laboratory", "legal", "civil", "traffic", "bus",
        "aircraft", "flight", "currency", "parking", "warehouse", "landscape", "tunnel", "marine", "naval", "nuclear", "chemical", "structural",
        "highway", "bridge", "petroleum", "mining", "agricultural", "press", "brand", "dairy", "psychologist", "cartographer", "coder",
        "surveyor", "recreation", "educational", "surgical", "lab technician", "stationary", "fire protection", "biomedical",
        // Scientists: a "(GIS)" or "(Data Scientist)" parenthetical can make these digital.
        "physical scientist", "physical science", "biologist", "chemist", "physicist", "geologist", "hydrologist", "meteorologist");

    static void HardNegatives(PhraseTable t) => Add(t, Taxonomy.NotDigital, Hard, PhraseFlags.None, PhraseKind.HardNegative,
        // engineering disciplines that are not software (rule 9)
        "civil engineer", "civil engineering", "traffic engineer", "transportation engineer", "stationary engineer",
        "mechanical engineer", "electrical engineer", "electronics engineer",
        "environmental engineer",
        "general engineer", "industrial engineer", "materials engineer",
        "safety engineer",
        "test and evaluation", "professional engineer", "professional engineering", "design engineer for tunnel",
        "construction assurance", "electro optics", "product management engineer", "reactor",
        "chief systems engineer", "engineering technician", "engineering positions", "mechanical and electrical",
        // occupations
        "attorney", "lawyer", "paralegal", "judge", "nurse", "physician", "doctor", "dentist", "pharmacist", "pharmacy",
        "special agent", "police", "firefighter", "correctional", "corrections", "instructor", "teacher", "professor", "patent examiner",
        "mechanic", "repairer", "driver", "painter", "plumber", "plumbers", "electrician", "carpenter", "custodian", "janitor",
        "maintenance worker", "secretary", "receptionist", "clerical", "accountant",
        "biological", "forester", "social science",
        "social scientist", "social worker", "social researcher", "operational researcher", "research officer", "criminalist", "guard",
        "security guard", "guard service", "videographer", "photographer", "archivist", "curator", "chaplain",
        "cook", "veterinarian", "veterinary", "production operator", "production worker", "warehouse operator",
        "pilot", "air traffic", "airplane", "dispatcher", "radiologic", "tomography", "x ray",
        "mortuary", "sanitation", "fitter", "crypto custodian", "cryptocurrency", "social security",
        "food security", "acquisition", "deputy product manager", "assistant product manager", "health science", "occupational health",
        "product safety", "creative content", "social media", "digital communications", "digital media",
        "public information", "multimedia", "multimedia designer", "urban designer", "urban design", "interior designer",
        "architectural", "learning design", "instructional", "instructional designer", "instructional systems", "office automation",
        "building automation", "asset reliability", "irrigation", "utility systems", "power system", "uncrewed air systems",
        "data entry", "data collector", "data collection", "data policy", "data protection", "clinical coding", "medical coding",
        "coding specialist", "content developer", "curriculum developer", "course developer", "training developer",
        "land development", "child development", "imagery analyst", "cad operator", "cadd", "drafter",
        "drafting", "fire safety", "regional network officer", "social network", "provider network",
        "hydrant", "asphalt", "exam administrator", "test administrator", "accessibility outreach", "learning portfolio",
        "head of planning", "town planning", "insemination", "inmate", "prison officer", "prisoner", "probation", "transportation security officer",
        "physical security", "personnel security", "industrial security", "protective security", "martyns law", "cyber law", "it law",
        "telecommunicator", "911", "army creative", "quality technician", "quality tech", "quality specialist", "dentist a",
        "nurse practitioner", "medical officer", "psychiatrist", "therapist", "counselor", "counsellor",
        "emergency medical", "paramedic", "scientist engineer", "general attorney", "business developer", "economic developer", "community developer", "property developer",
        "land developer", "recreation programmer", "currency product", "food product", "food products", "housing developer", "real estate developer", "geotechnical", "hydraulic");

    static void Code(PhraseTable t, string category, params string[] texts) =>
        Add(t, category, CodePriority, PhraseFlags.Code, texts);

    static void ParenCode(PhraseTable t, string category, params string[] texts) =>
        Add(t, category, CodePriority, PhraseFlags.Code | PhraseFlags.ParenOnly | PhraseFlags.NeedsContext, texts);

    static void Role(PhraseTable t, string category, int priority, params string[] texts) =>
        Add(t, category, priority, PhraseFlags.None, texts);

    static void Contextual(PhraseTable t, string category, int priority, params string[] texts) =>
        Add(t, category, priority, PhraseFlags.NeedsContext, texts);

    static void Context(PhraseTable t, params string[] texts) =>
        Add(t, "", 0, PhraseFlags.GivesContext, PhraseKind.ContextOnly, texts);

    static void Add(PhraseTable t, string category, int priority, PhraseFlags flags, params string[] texts) =>
        Add(t, category, priority, flags, PhraseKind.Digital, texts);

    static void Add(PhraseTable t, string category, int priority, PhraseFlags flags, PhraseKind kind, params string[] texts)
    {
        foreach (var text in texts)
            t.Add(new Phrase(text, kind, category, priority, flags));
    }
}
