namespace Aggregator.Normalization;

// The title vocabulary of docs/taxonomy.md as data. A title is read as role nouns (heads: engineer, analyst, director) and
// the field words in front of them (domains: security, data, GIS, budget); Areas.Compose turns a head and its nearest
// domain into a category, so "Vulnerability Management Analyst" or "Identity and Access Engineer" need no entry of their
// own. Whole roles are listed only where composition would read them wrong: idioms ("scrum master", "systems analyst"),
// class titles ("IT Specialist", "ITS 3"), and not-digital look-alikes ("civil engineer", "program analyst").
static class RoleLexicon
{
    public sealed record Lexicon(Vocabulary Words, PhraseTable Titles, PhraseTable Categories, TitleReader Reader)
    {
        /// <summary>A hash of every term and abbreviation: changes whenever the vocabulary does.</summary>
        public string Fingerprint { get; } = Hash(Titles, Categories);
    }

    static string Hash(PhraseTable titles, PhraseTable categories)
    {
        var text = new System.Text.StringBuilder();
        foreach (var term in titles.Terms.Concat(categories.Terms))
            text.Append(term.Text).Append('|').Append((int)term.Kind).Append('|').Append((int)term.Area).Append('|')
                .Append((int)term.Head).Append('|').Append((int)term.Flags).Append('\n');
        foreach (var (key, value) in Abbreviations.OrderBy(a => a.Key, StringComparer.Ordinal))
            text.Append(key).Append('=').Append(value).Append('\n');
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    public static Lexicon Build()
    {
        var words = new Vocabulary();
        var t = new PhraseTable(words);
        Connectors(t);
        Heads(t);
        Domains(t);
        Roles(t);
        Codes(t);
        Settings(t);
        Negatives(t);
        var categories = BuildCategoryTable(words);
        // Role nouns and field words are what typos hide ("Enginer", "Specalist", "Secuirty"); names and places are not repaired.
        var correctable = t.Terms.Where(term => term.Kind is TermKind.Head or TermKind.Domain && term.Area != Area.NotDigital
                && !term.Has(TermFlags.CanModify))
            .SelectMany(term => term.Text.Split(' ')).Where(w => !w.Contains('-'));
        return new Lexicon(words, t, categories, new TitleReader(words, Abbreviations, correctable));
    }

    // Expanded before lookup. Context-dependent ones (tech, prog, ITS, ISS) are read by TitleReader itself.
    static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["sr"] = "senior", ["snr"] = "senior", ["jr"] = "junior", ["mgr"] = "manager", ["mngr"] = "manager", ["mgmt"] = "management",
        ["mgt"] = "management", ["mngmt"] = "management", ["engr"] = "engineer", ["engnr"] = "engineer", ["eng"] = "engineer",
        ["engg"] = "engineering", ["devs"] = "developer", ["admin"] = "administrator", ["admins"] = "administrator", ["sys"] = "systems",
        ["syst"] = "systems", ["spec"] = "specialist", ["spc"] = "specialist", ["spclst"] = "specialist", ["splst"] = "specialist",
        ["anlst"] = "analyst", ["anlyst"] = "analyst", ["assoc"] = "associate", ["asst"] = "assistant", ["info"] = "information",
        ["infor"] = "information", ["svc"] = "services", ["svcs"] = "services", ["srvcs"] = "services", ["infra"] = "infrastructure",
        ["app"] = "application", ["apps"] = "applications", ["db"] = "database", ["netwk"] = "network", ["ntwk"] = "network",
        ["comm"] = "communications", ["comms"] = "communications", ["telecom"] = "telecommunications", ["telecoms"] = "telecommunications",
        ["coord"] = "coordinator", ["supv"] = "supervisory", ["supvr"] = "supervisor", ["dir"] = "director", ["exec"] = "executive",
        ["sec"] = "security", ["govt"] = "government", ["dept"] = "department", ["sw"] = "software", ["hw"] = "hardware",
        ["progr"] = "programmer", ["pgmr"] = "programmer", ["prgmr"] = "programmer", ["dev"] = "developer", ["ops"] = "operations",
        ["tst"] = "test", ["proj"] = "project", ["supp"] = "support", ["cust"] = "customer", ["spt"] = "support", ["plcy"] = "policy",
        ["pln"] = "planning", ["sme"] = "expert", ["mgmnt"] = "management", ["technol"] = "technology",
    };

    static void Connectors(PhraseTable t)
    {
        foreach (var word in new[] { "of", "for", "in", "at", "to", "with", "on", "and", "the", "a", "an", "within", "from", "de", "des", "du",
            "d", "en", "la", "le", "l", "et", "aux", "au" })
            t.Add(new Term(word, TermKind.Connector, Area.None, Head.None, TermFlags.None));
    }

    static void Heads(PhraseTable t)
    {
        H(t, Head.Engineer, "engineer", "engineers", "ingenieur", "ingenieure");
        H(t, Head.Developer, Area.Swe, "developer", "programmer", "coder", "programmers", "developper");
        H(t, Head.Analyst, "analyst", "analysts", "analyste");
        H(t, Head.Specialist, "specialist", "officer", "expert", "professional", "generalist", "representative", "agent", "specialiste",
            "conseiller", "conseillere", "agente", "advisor", "adviser", "practitioner", "partner");
        H(t, Head.Consultant, "consultant", "consultants");
        H(t, Head.Coordinator, "coordinator", "co ordinator", "liaison", "scheduler", "controller");
        H(t, Head.Administrator, "administrator", "administrators", "administrateur", "administratrice");
        H(t, Head.Technician, "technician", "technicians", "technologist", "technicien", "technicienne");
        H(t, Head.Operator, "operator", "operators");
        H(t, Head.Manager, "manager", "managers", "supervisor", "team leader", "team lead", "gestionnaire", "superintendent");
        H(t, Head.Manager, TermFlags.CanModify, "lead", "leader");
        H(t, Head.Manager, Area.Swe, TermFlags.None, ["technical lead", "tech lead"]);
        H(t, Head.Executive, "director", "directors", "vice president", "commissioner", "executive director", "deputy director",
            "assistant director", "associate director", "directeur", "directrice", "director general", "directorate head", "executive");
        H(t, Head.Executive, TermFlags.CanModify, "chief", "head", "principal");
        H(t, Head.Architect, "architect", "architects", "architecte");
        H(t, Head.Designer, "designer", "designers", "concepteur", "conceptrice");
        H(t, Head.Researcher, "researcher", "researchers", "chercheur", "chercheuse");
        H(t, Head.Scientist, "scientist", "scientists", "scientifique");
        H(t, Head.Writer, "writer", "writers", "author", "editor");
        H(t, Head.Tester, "tester", "testers");
        H(t, Head.Owner, "owner", "owners");
        H(t, Head.Trainee, TermFlags.CanModify, "trainee", "intern", "apprentice", "fellow", "student", "graduate");
        H(t, Head.Auditor, "auditor", "assessor", "validator", "reviewer");
        H(t, Head.Project, "project manager", "program manager", "programme manager", "project lead", "program lead", "programme lead",
            "project director", "program director", "programme director", "project coordinator", "program coordinator",
            "project officer", "project specialist", "projects manager", "project leader", "portfolio manager");
        H(t, Head.Planner, "planner");
        H(t, Head.Strategist, "strategist");
        H(t, Head.Assistant, "assistant", "aide", "clerk", "associate", "commis", "adjoint", "adjointe");
        H(t, Head.Manager, "chef d equipe", "chef de section", "chef de division");
        H(t, Head.Steward, "steward", "modeler", "modeller");
        H(t, Head.Trainer, "trainer");
        H(t, Head.Specialist, "responder", "handler", "hunter");
        // Investigators are not digital unless a digital field names them: "Digital Forensics Investigator".
        H(t, Head.Specialist, Area.NotDigital, TermFlags.None, ["investigator", "investigators"]);
    }

    static void Domains(PhraseTable t)
    {
        // Words that only say "IT": they put the title in an IT setting and, on their own, make an IT generalist.
        D(t, Area.It, TermFlags.GivesSetting, "it", "information technology", "information technologies", "ict", "information and communications technology",
            "information and communication technology", "information communications technology", "computer", "computers",
            "information systems", "information system", "information services", "mis",
            "management information systems", "data processing", "information resources", "information management and technology",
            "information and technology", "informatique", "ti", "technologie de l information", "technologies de l information",
            "enterprise technology", "technology services", "technology solutions", "information technology services",
            "business technology", "informatics and technology", "i t", "ikt");
        // Too common to put a title in an IT setting on their own ("Parking Technology", "Science and Technology").
        D(t, Area.It, TermFlags.Weak, "is", "its", "technology", "technologies", "technical", "technique", "computing");
        D(t, Area.Digital, "digital", "digital services", "digital service", "e government", "digital transformation",
            "digital experience", "digital products", "digital delivery", "digital and technology", "digital government", "numerique",
            "digital data and technology", "digital and data", "civic tech", "civic technology", "online services", "digital innovation");

        D(t, Area.Swe, "software", "software engineering", "software development", "application development", "applications development",
            "web development", "mobile", "ios", "android", "front end", "frontend", "back end", "backend",
            "full stack", "fullstack", "java", "net", "dotnet", "python", "javascript", "react", "angular", "golang", "ruby", "php",
            "sharepoint development", "drupal", "wordpress", "power applications", "powerapps", "mobile application", "mobile development", "low code",
            "cobol", "cics", "rpa",
            "robotic process automation", "embedded software", "embedded systems", "flight software", "api", "apis", "developpement",
            "logiciel", "logiciels", "developpement d applications", "programming", "computer science", "computer engineering",
            "engineering software", "software systems", "solutions development", "systems development", "application software",
            "applications software", "web applications", "web application", "frontend web", "ui engineering");
        D(t, Area.DevOps, "devops", "devsecops", "developer operations", "developer security operations", "site reliability", "fiabilite de site", "fiabilite des sites", "cloud", "cloud engineering",
            "cloud operations", "cloud infrastructure", "cloud platform", "cloud computing", "cloud services", "aws", "azure", "gcp",
            "kubernetes", "containers", "terraform", "ci cd", "build and release", "release engineering", "infrastructure as code",
            "platform engineering", "observability", "reliability engineering", "infonuagique", "cloud native", "linux platform");
        D(t, Area.Cyber, "cyber", "cybersecurity", "cyber security", "cybersecurite", "information security", "it security",
            "information assurance", "computer security", "identity assurance", "information risk", "information risk management", "security operations", "security operations center", "security operations centre",
            "soc", "threat intelligence", "threat hunting", "threat detection", "threat and vulnerability",
            "threat and vulnerability management", "intrusion detection", "intrusion analysis", "cyber incident", "cyber defense", "cyber defence",
            "vulnerability management", "vulnerability assessment", "endpoint", "endpoint security", "endpoint protection",
            "endpoint detection and response", "edr", "csirt", "csirc", "cirt", "cert", "digital forensics", "digital forensic",
            "computer forensics", "computer forensic", "identity and access", "identity and access management", "identity access management",
            "iam", "icam", "identity credential and access management", "identity management", "access management", "pki", "public key infrastructure", "zero trust", "penetration testing", "pen testing", "red team", "purple team",
            "malware", "siem", "splunk", "protective monitoring", "security engineering", "security compliance", "rmf", "ato",
            "risk management framework", "fedramp", "security control", "security controls", "network security",
            "cloud security", "application security", "appsec", "data security", "ot security", "ics security", "security architecture",
            "security risk", "it security risk", "insider threat technical", "security monitoring", "network security monitoring",
            "securite de l information", "securite des ti", "securite informatique", "gestion des vulnerabilites", "cybersecurity and infrastructure protection",
            "cyber threat", "cyber threat intelligence", "grc", "it risk", "information security risk", "cryptographic", "encryption",
            "firewall security", "secops", "security incident", "threat and risk assessment");
        D(t, Area.Infra, "systems administration", "system administration", "windows", "windows server", "linux", "unix", "vmware",
            "virtualization", "active directory", "directory services", "microsoft exchange", "exchange server", "exchange administrator", "exchange engineer", "m365", "office 365", "microsoft 365", "o365",
            "data centre", "data center", "datacenter", "data center operations", "it infrastructure", "it operations", "infrastructure operations",
            "servers", "storage", "backup", "citrix", "sccm", "intune", "production control", "production support", "batch",
            "batch processing", "batch operations", "batch scheduling", "batch control", "job scheduling", "enterprise job scheduling",
            "control m", "capacity planning", "capacity management", "computer operations",
            "systems programming", "systems prog", "z os", "zos", "mvs", "high performance computing", "hpc", "scada", "ot",
            "operational technology", "industrial control", "industrial control systems", "ics", "plc", "operating systems", "operating system", "enterprise operations", "enterprise operations center", "operations center",
            "network operations and infrastructure", "application operations", "application support", "applications support",
            "platform operations", "end user infrastructure", "email", "computer aided dispatch", "cad systems",
            "systemes", "infrastructure technologique", "console", "tape", "print operations", "hosting", "infrastructure services", "patch", "patching", "patch management",
            "lms", "learning management system", "epic", "identity infrastructure");
        D(t, Area.Network, "lan", "wan", "lan wan", "sdn", "voip", "ip telephony", "telephony", "unified communications", "voice", "voice and data",
            "data communications", "data communication", "wireless", "routing", "switching", "routing and switching", "cisco",
            "network services", "network operations", "network operations center", "noc", "network infrastructure", "edge", "voice video", "firewall", "firewalls", "dns", "wifi", "wi fi", "reseau", "reseaux", "telecommunications network", "fiber network",
            "network support", "networking", "network systems", "radio frequency network", "video teleconferencing", "vtc");
        D(t, Area.NetworkWord, "network", "networks");
        D(t, Area.Telecom, "telecommunications", "telecommunication");
        D(t, Area.Support, "help desk", "helpdesk", "service desk", "it service desk", "desktop", "desktop support", "deskside", "end user",
            "end user computing", "end user support", "end user services", "end user device", "end user devices", "user support",
            "it support", "technical support", "tech support", "computer support", "tier 1", "tier 2", "tier i", "tier ii", "tier iii", "1st line", "2nd line", "3rd line", "first line", "second line", "third line",
            "pc", "hardware", "desktop services", "it help desk", "service desk and desktop", "soutien informatique", "soutien technique",
            "client technology", "technology support", "computer repair", "it helpdesk", "onsite support", "on site support",
            "field office support", "technical assistance center");
        D(t, Area.Itsm, "itsm", "it service", "it service management", "service management", "service transition", "change and release",
            "release management", "incident management", "problem management", "major incident",
            "configuration management database", "cmdb", "it asset", "it asset management", "software asset", "software asset management",
            "software licence", "software license", "software licensing", "software license management", "licence management",
            "it vendor", "it vendor management", "itil", "it procurement and asset", "service level",
            "it knowledge", "it service delivery", "service integration", "it supplier");
        D(t, Area.Science, "data science", "machine learning", "ml", "mlops", "artificial intelligence", "ai", "ai ml", "nlp",
            "natural language processing", "computer vision", "deep learning", "generative ai", "statistics", "statistical", "biostatistics",
            "econometrics", "ai and data science", "predictive analytics", "modeling and analytics", "science des donnees",
            "ai policy and engineering", "machine learning engineering", "quantitative");
        D(t, Area.Analytics, "data analytics", "data analysis", "analytics", "business intelligence", "bi", "power bi", "tableau",
            "data reporting", "data visualization", "data visualisation", "dashboard", "dashboards", "performance analytics", "web analytics", "digital analytics", "data and analytics", "data analytics and reporting",
            "performance and data", "management information", "information analysis", "analytique", "data insights");
        D(t, Area.DataEng, "data engineering", "database", "databases", "data base", "sql", "sql server", "oracle", "oracle database",
            "postgres", "etl", "data pipeline", "data pipelines", "data warehouse", "data warehousing", "data lake", "data platform",
            "big data", "data integration", "master data", "data management", "data governance", "data quality", "data modeling",
            "data modelling", "data architecture engineering", "bases de donnees", "base de donnees",
            "data stewardship", "metadata", "data operations", "dataops", "data systems", "informatica", "snowflake", "databricks");
        D(t, Area.Data, "data", "data and information", "donnees");
        D(t, Area.Product, "product", "products", "product management", "produit");
        D(t, Area.Delivery, "agile", "scrum", "agile delivery", "it project", "it projects", "it project management", "technology project",
            "it program", "it programme", "it pmo", "technical program", "technical programme", "technical project", "digital project",
            "software project", "projets ti", "projets de ti", "gestion de projets ti", "it portfolio delivery", "kanban", "sprint planning");
        D(t, Area.DeliveryWord, "delivery");
        D(t, Area.BA, "business analysis", "business systems", "business systems analysis", "requirements", "systems analysis",
            "business solutions", "functional analysis", "analyse d affaires", "analyse fonctionnelle",
            "business applications", "enterprise applications analysis", "solutions analysis");
        D(t, Area.Research, "user research", "ux research", "design research", "usability", "research operations", "researchops",
            "user experience research", "recherche ux", "recherche utilisateur");
        D(t, Area.Ux, "ux", "ui", "ux ui", "ui ux", "user experience", "user interface", "interaction design", "interaction",
            "service design", "product design", "human centered design", "human centred design", "hcd",
            "user centred design", "user centered design", "design system", "design systems",
            "digital accessibility", "section 508", "508", "experience design", "cx design",
            "customer experience design", "experience utilisateur", "ux design", "ui design", "web accessibility", "web design");
        D(t, Area.Content, "content design", "content strategy", "ux writing", "web content", "website content",
            "content management web", "digital content", "technical writing", "technical documentation", "localization", "localisation",
            "web publishing", "contenu web", "redaction web", "content and design");
        D(t, Area.ContentWord, "content");
        D(t, Area.Qa, "qa", "qat", "quality assurance and test", "quality assurance and testing", "software quality", "software quality assurance",
            "software testing", "test automation", "automated testing", "qa test", "qa testing", "uat", "user acceptance testing",
            "user acceptance", "software test", "it quality assurance", "performance testing", "performance test", "selenium", "sdet",
            "accessibility testing", "software qa", "test and quality", "qa automation", "assurance qualite",
            "test analysis", "test engineering");
        D(t, Area.Test, "test", "tests", "testing");
        D(t, Area.Quality, "quality assurance", "quality", "qc", "quality control");
        D(t, Area.Arch, "enterprise architecture", "solution architecture", "solutions architecture", "technical architecture",
            "it architecture", "architecture d entreprise");
        D(t, Area.Gis, "gis", "geographic information", "geographic information systems", "geographic information system", "geospatial",
            "geographical information", "geographic information science", "esri", "arcgis", "geomatics", "geomatique", "mapping gis",
            "gis mapping", "spatial data", "geospatial information systems", "geospatial information");
        D(t, Area.Lead, "it governance", "it portfolio", "it policy", "it strategy", "it strategic planning", "it planning", "it audit",
            "it audits", "cpic", "capital planning and investment control", "technology governance", "digital strategy", "data strategy",
            "it investment", "it budget formulation and governance", "technology strategy", "enterprise it", "it policy and planning",
            "smart city", "digital portfolio", "strategie numerique", "technology portfolio", "enterprise technology strategy");
        D(t, Area.Systems, "systems", "system", "systemes d information");
        D(t, Area.SecurityOps, "incident response", "incident handling", "vulnerability", "vulnerabilities", "intrusion", "endpoints");
        D(t, Area.Threat, "threat", "threats", "threat analysis");
        D(t, Area.Forensic, "forensic", "forensics");
        D(t, Area.Governance, "compliance", "risk", "risk management", "governance risk and compliance");
        D(t, Area.Cad, "cad");
        D(t, Area.Design, "accessibility");
        D(t, Area.Package, "salesforce", "servicenow", "peoplesoft", "sap", "crm", "erp", "dynamics 365", "microsoft dynamics", "abap",
            "oracle applications", "workday hcm", "oracle ebs", "oracle fusion", "maximo", "tyler munis", "sharepoint", "power platform");
        D(t, Area.Audit, "audit", "audits", "auditing");
        D(t, Area.Security, "security", "securite");
        D(t, Area.Application, "application", "applications", "enterprise applications", "enterprise application", "business application",
            "application systems", "applications systems");
        D(t, Area.Mainframe, TermFlags.GivesSetting, "mainframe", "mainframes", "z series", "ibm mainframe", "as400", "as 400");
        D(t, Area.Web, "web", "website", "websites", "internet", "intranet", "web services", "online");
        D(t, Area.Design, "design", "conception");
        D(t, Area.Engineering, "engineering");
        D(t, Area.Infrastructure, "infrastructure", "infrastructures", "technical infrastructure", "enterprise infrastructure");
        D(t, Area.Operations, "operations", "production", "control systems");
        D(t, Area.SupportWord, "support", "soutien", "customer support", "client services", "client service", "user services");
        D(t, Area.Platform, "platform", "platforms", "plateforme");
        D(t, Area.Automation, "automation", "automations", "automated", "automatisation");
        D(t, Area.Business, "business");
        D(t, Area.Performance, "performance");
        D(t, Area.Service, "service", "services", "service delivery", "service operations");
        D(t, Area.ProjectWord, "project", "projects", "pmo", "projet", "projets", "program management office", "project management office",
            "project management", "program management", "programme management");
        D(t, Area.CivicWord, "partnerships", "partnership", "community", "engagement", "network partnerships", "government partnerships");
    }

    static void Roles(PhraseTable t)
    {
        // Class titles: generic posts whose parenthetical, working title or series says more (taxonomy rules 2, 3, 5).
        var classTitle = TermFlags.ClassTitle | TermFlags.GivesSetting;
        R(t, Area.Generalist, Head.Specialist, classTitle, "it specialist", "information technology specialist", "it specialists", "itspec", "information technology specalist", "information technology specialsit", "it specalist",
            "computer specialist", "its-class", "iss-class", "information systems specialist", "information system specialist",
            "it professional", "it professionals", "information technology professional", "it generalist", "information technology generalist",
            "it consultant", "information technology consultant", "technology specialist", "information services specialist",
            "management information systems specialist", "it analyst", "information technology analyst", "it officer",
            "information technology officer", "it advisor", "information technology advisor", "it associate",
            "information technology associate", "computer associate", "it trainee", "it student trainee", "information technology trainee",
            "it specialist trainee", "information technology specialist trainee", "it systems specialist", "it systems technical specialist",
            "it administrator", "information technology administrator", "certified it administrator", "cert it administrator",
            "it coordinator", "information technology coordinator", "computer systems specialist", "it engineer",
            "information technology engineer", "is engineer", "it solutions engineer", "analyste en informatique", "conseiller en informatique");
        R(t, Area.Generalist, Head.Manager, classTitle, "it manager", "information technology manager", "computer systems manager",
            "it supervisor", "information technology supervisor", "information systems manager", "information technology supervisor i",
            "it team lead", "it team leader", "information technology team lead", "technology manager", "it lead",
            "information and communications technology manager", "ict manager", "data processing manager");
        R(t, Area.Generalist, Head.Technician, classTitle);
        R(t, Area.Cyber, Head.Specialist, classTitle, "it cybersecurity specialist", "information technology cybersecurity specialist",
            "it cyber security specialist");
        R(t, Area.Swe, Head.Scientist, classTitle, "computer scientist", "computer scientists");
        R(t, Area.Swe, Head.Engineer, classTitle, "computer engineer", "computer engineers");
        R(t, Area.Generalist, Head.Specialist, classTitle, "digital services expert", "digital service expert", "innovation specialist",
            "presidential innovation fellow", "presidential innovation fellows", "digital corps fellow", "us digital corps fellow",
            "digital fellow", "tech fellow", "techtogov", "multiple digital service openings", "digital service openings",
            "ddat fast stream", "digital data and technology apprentice", "technical analyst", "ict officer",
            "it assistant", "information technology assistant");
        R(t, Area.Generalist, Head.None, TermFlags.NeedsSetting, "various roles", "multiple roles", "multiple positions", "various positions",
            "multiple openings", "interdisciplinary");

        // Idioms: word pairs whose meaning is not their composition, or is fixed by the taxonomy.
        R(t, Area.Swe, Head.Developer, "computer programmer",
            "applications programmer", "application programmer", "software developer engineer", "software engineer",
            "lead developer", "certified it developer", "cert it developer",
            "it developer", "developer analyst");
        R(t, Area.Qa, Head.Engineer, "engineer in test", "engineers in test", "software engineer in test", "test engineer", "test analyst",
            "test manager", "test lead", "qa analyst", "qa engineer", "qa lead", "qa manager", "qa tester", "software tester", "test automation engineer");
        R(t, Area.Cyber, Head.Tester, "penetration tester", "pen tester", "ethical hacker", "threat hunter", "incident responder",
            "incident handler", "security analyst", "security engineer", "soc analyst", "security architect engineer",
            "security operations analyst", "information systems security officer", "information system security officer",
            "information systems security manager", "information system security manager", "information systems security engineer",
            "information security officer", "information assurance officer", "ciso", "chief information security officer",
            "security control assessor", "cyber analyst", "protective monitoring analyst");
        R(t, Area.Arch, Head.Architect, "security architect", "network architect", "cyber security architect", "cybersecurity architect",
            "enterprise architect", "solution architect", "solutions architect", "technical architect", "data architect", "cloud architect",
            "information architect", "systems architect", "business architect", "integration architect", "software architect",
            "application architect", "applications architect", "infrastructure architect", "platform architect", "technology architect",
            "digital architect", "it architect", "database architect", "front end architect");
        R(t, Area.Infra, Head.Administrator, "systems administrator", "system administrator", "server administrator", "computer operator", "computer operators", "systems programmer", "system programmer",
            "operating systems programmer", "computer operation", "computer operations technician", "computer associate operations", "data processing operator", "infrastructure engineer",
            "infrastructure specialist", "infrastructure analyst", "application support analyst", "applications analyst",
            "application analyst", "application administrator", "applications administrator", "epic analyst", "job scheduler",
            "batch scheduler", "production control analyst", "console operator", "mainframe operator",
            "tape librarian", "systems support specialist", "platform operations engineer");
        R(t, Area.Network, Head.Engineer, "network engineer", "network administrator", "network specialist", "network technician",
            "network analyst", "telecommunications specialist", "telecommunications analyst", "telecommunications engineer",
            "telecommunications manager", "it administrator lan", "it administrator wan",
            "certified it administrator lan", "certified it administrator wan", "cert it administrator wan", "cert it administrator lan",
            "edge engineer", "voice engineer", "network and systems technician");
        R(t, Area.Support, Head.Technician, "computer technician", "computer service technician", "computer assistant", "computer clerk",
            "computer aide", "it technician", "pc technician", "ict technician", "service desk manager", "help desk manager",
            "onsite support engineer", "on site support engineer", "it support engineer", "end user computing engineer",
            "computer associate tech support", "computer associate technical support",
            "agent de soutien informatique", "technicien en informatique", "it support officer", "desktop engineer");
        R(t, Area.Itsm, Head.Manager, "it service manager", "change and release manager", "release manager",
            "incident manager", "problem manager", "service transition manager", "technical account manager",
            "business relationship manager", "it asset manager", "it asset coordinator", "software asset manager", "software officer",
            "it vendor manager", "it knowledge manager", "it service delivery manager", "service level manager", "major incident manager");
        R(t, Area.Science, Head.Scientist, "data scientist", "data scientists", "statistician", "statisticians", "mathematical statistician",
            "survey statistician", "econometrician", "machine learning engineer", "ml engineer", "ai engineer", "ai specialist",
            "ai scientist", "ai researcher", "research data scientist", "data and ai ethicist", "ai ethicist", "data ethicist",
            "scientifique des donnees", "agricultural statistician", "research statistician");
        R(t, Area.Analytics, Head.Analyst, "data analyst", "data analysts", "bi analyst", "bi developer", "bi engineer", "reporting analyst",
            "performance analyst", "digital evaluator", "insight analyst", "insights analyst", "information analyst", "statistical analyst",
            "power bi developer", "tableau developer",
            "business intelligence developer", "web analyst");
        R(t, Area.DataEng, Head.Engineer, "data engineer", "data engineers", "database administrator", "database developer", "etl developer",
            "analytics engineer", "data modeler", "data modeller", "data steward", "data governance manager", "data base analyst",
            "database analyst", "data warehouse developer", "administrateur de bases de donnees");
        R(t, Area.DataEng, Head.Administrator, TermFlags.Specialty, "dba");
        R(t, Area.DevOps, Head.Engineer, TermFlags.Specialty, "sre");
        R(t, Area.Cyber, Head.Specialist, TermFlags.Specialty, "isso", "issm", "iso");
        R(t, Area.Product, Head.Owner, "product manager", "product managers", "product owner", "product owners", "product lead",
            "product director", "chief product officer", "vp of product", "technical product manager",
            "platform owner", "service owner", "product management lead");
        R(t, Area.Ux, Head.Designer, "product designer", "ux designer", "ui designer", "interaction designer", "service designer",
            "web designer", "user experience designer", "cx designer", "experience designer",
            "accessibility specialist", "accessibility analyst", "section 508 coordinator", "508 coordinator", "user centred designer", "user centered designer", "human centered designer", "ux ui designer", "ui ux designer");
        R(t, Area.Research, Head.Researcher, "user researcher", "ux researcher", "design researcher", "usability specialist",
            "usability expert", "usability analyst", "research operations manager");
        R(t, Area.Content, Head.Writer, "content designer", "content designers", "content strategist", "ux writer", "technical writer",
            "technical author", "webmaster", "web master", "web producer", "web editor", "website editor", "website manager",
            "web manager", "web content manager", "web content editor", "web content coordinator", "web content specialist",
            "technical writer editor", "digital content designer");
        R(t, Area.Delivery, Head.Project, "scrum master", "agile coach", "programme delivery manager",
            "technical delivery manager", "it project manager", "it program manager", "it programme manager", "it project coordinator",
            "technical program manager", "technical programme manager", "technical project manager", "digital project manager",
            "software project manager", "gestionnaire de projets ti", "release train engineer",
            "agile delivery manager", "digital delivery manager");
        R(t, Area.BA, Head.Analyst, "business analyst", "business analysts", "it business analyst", "business systems analyst",
            "requirements analyst", "analyste d affaires", "business system analyst");
        // Class titles of state and city IT series (Texas "Systems Analyst IV", San Francisco "1053 IS Business Analyst",
        // Michigan "IT Programmer/Analyst 12"): a working title or field beside them says more.
        R(t, Area.BA, Head.Analyst, TermFlags.ClassTitle | TermFlags.GivesSetting, "systems analyst", "system analyst", "systems analyst programmer",
            "information systems analyst", "is business analyst", "information system analyst");
        R(t, Area.Swe, Head.Developer, TermFlags.ClassTitle | TermFlags.GivesSetting, "programmer analyst", "programmer analysts",
            "analyst programmer", "computer programmer analyst");
        R(t, Area.Analytics, Head.Analyst, TermFlags.ClassTitle, "research data specialist", "research data analyst", "research data supervisor");
        R(t, Area.Gis, Head.Analyst, "gis technician", "geographic information officer", "chief geographic information officer");
        R(t, Area.Lead, Head.Executive, "cio", "chief information officer", "deputy cio", "deputy chief information officer",
            "associate cio", "chief technology officer", "cto", "chief digital officer", "chief digital and information officer", "cdio",
            "chief data officer", "cdo", "chief data and analytics officer", "cdao", "chief product and technology officer",
            "chief technologist", "chief innovation officer", "chief information", "departmental chief information officer",
            "it director", "ict director",
            "technology director", "digital director", "it auditor",
            "information technology auditor", "it strategic planner", "chief data and ai officer",
            "dirigeant principal de l information");
        R(t, Area.Infra, Head.Planner, TermFlags.NeedsSetting, "capacity planner", "capacity manager", "capacity analyst");
        R(t, Area.Itsm, Head.Manager, TermFlags.NeedsSetting, "change manager", "configuration manager", "supplier manager",
            "service delivery manager", "asset manager", "vendor manager", "contract and supplier manager");
        R(t, Area.Cyber, Head.Auditor, "digital forensic examiner", "digital forensics examiner", "computer forensic examiner",
            "forensic computer examiner", "computer forensic analyst", "digital forensic analyst", "digital forensics analyst");
        R(t, Area.Swe, Head.Engineer, "integration engineer", "integration developer", "integration specialist", "integrations engineer");
        R(t, Area.DevOps, Head.Engineer, "platform engineer", "automation engineer", "release engineer", "build engineer",
            "infrastructure developer", "cloud engineer", "site reliability engineer");
    }

    static void Codes(PhraseTable t)
    {
        // OPM 2210 specialty codes and their spellings seen in postings (taxonomy §4.1).
        C(t, Area.Swe, "appsw", "apsw");
        C(t, Area.Cyber, "infosec");
        C(t, Area.Infra, "sysadmin", "sysadm", "os");
        C(t, Area.DataEng, "datamgt", "datamgmt", "data management code");
        C(t, Area.Support, "custspt", "custsupt");
        C(t, Area.Lead, "plcypln", "plcyplan", "policy and planning", "policy planning");
        C(t, Area.Arch, "entarch");
        C(t, Area.Delivery, "projmgt", "project management code");
        C(t, Area.BA, "sysanalysis", "sysanalys");
        C(t, Area.Swe, "inet");
        // Code words that are ordinary English only count inside parentheses ("(NETWORK)", "(SECURITY)").
        ParenCode(t, Area.Network, "network", "networks");
        // NYC civil-service titles carry their family in parentheses: "Computer Specialist (Software)" is the generic IT title.
        t.Add(new Term("software", TermKind.Domain, Area.Generalist, Head.None, TermFlags.ParenOnly | TermFlags.GivesSetting));
        ParenCode(t, Area.Cyber, "security");
        ParenCode(t, Area.Swe, "programming");
        ParenCode(t, Area.Infra, "systems programming", "systems prog");
        ParenCode(t, Area.DataEng, "data management", "database");
        ParenCode(t, Area.Support, "customer support", "customer service");
        ParenCode(t, Area.BA, "systems analysis");
        ParenCode(t, Area.Infra, "systems administration", "operating systems");
        ParenCode(t, Area.Swe, "applications software", "application software", "internet");
        ParenCode(t, Area.Cyber, "information security");
        ParenCode(t, Area.Network, "data communications", "network services");
        ParenCode(t, Area.Arch, "enterprise architecture");
        ParenCode(t, Area.Delivery, "project management");
    }

    static void Settings(PhraseTable t)
    {
        // Digital-service teams and the digital profession: a bare "Designer" or "Engineer" there takes the team's meaning (rule 12),
        // but a team's recruiter or contact-centre agent is not digital, so a team gives no IT setting. IT departments do.
        var flags = TermFlags.DigitalOrg;
        foreach (var text in new[]
        {
            "18f", "tts", "technology transformation services", "usds", "us digital service", "united states digital service",
            "digital service corps", "u s digital service", "gds", "government digital service", "cds", "canadian digital service", "ods", "ontario digital service",
            "ddat", "defence digital", "dwp digital", "hmrc digital", "home office digital", "login gov", "cloud gov", "data gov", "search gov",
            "benefits gov", "va gov", "usagov", "usa gov", "odi", "office of data and innovation", "colorado digital service",
            "georgia digital services", "digital directorate", "kessel run", "platform one", "software factory", "defense digital service",
            "code for america", "nava", "us digital response", "digital public service agency", "bc digital public service agency",
            "digital and policy services", "office of design and delivery", "office of digital experience", "digital service team",
            "cms digital service", "va digital service", "10x", "digital services team", "digital service expert team",
            "office of innovation and technology", "innovation and technology", "doit", "oit", "oti", "dtmb", "mnit", "watech", "eotss",
            "vita", "dit", "ebs", "oit ebs", "bureau of technology", "cyber command", "information technology agency",
            "office of the chief information officer", "office of information and technology", "office of information technology",
            "office of technology and innovation", "office of information technology services", "department of information technology",
            "department of innovation and technology", "department of technology", "technology services department",
            "enterprise information services", "shared services canada", "communications security establishment",
        })
        {
            var digitalTeam = text is not ("doit" or "oit" or "oti" or "dtmb" or "mnit" or "watech" or "eotss" or "vita" or "dit"
                or "ebs" or "oit ebs" or "bureau of technology" or "cyber command" or "information technology agency"
                or "office of the chief information officer" or "office of information and technology" or "office of information technology"
                or "office of technology and innovation" or "office of information technology services" or "department of information technology"
                or "department of innovation and technology" or "department of technology" or "technology services department"
                or "enterprise information services" or "shared services canada" or "communications security establishment"
                or "innovation and technology" or "office of innovation and technology");
            t.Add(new Term(text, TermKind.Context, Area.None, Head.None, digitalTeam ? flags : TermFlags.GivesSetting));
        }
        // The Government of Canada's IT group code ("(IT-03)"), read by TitleReader.
        t.Add(new Term("it-group", TermKind.Context, Area.None, Head.None, TermFlags.GivesSetting));
        // Where an organization's name begins: the rest of the part names the employer, not the role.
        foreach (var text in new[] { "department of", "dept of", "office of", "bureau of", "division of", "ministry of", "ministere de",
            "agency for", "city of", "county of", "state of", "government of", "commonwealth of", "administration for", "directorate of",
            "ministere des", "ministere du", "gouvernement du" })
            t.Add(new Term(text, TermKind.Org, Area.None, Head.None, TermFlags.None));
    }

    static void Negatives(PhraseTable t)
    {
        // Overridable class titles: not digital, but a parenthetical naming a digital field makes them so (taxonomy §4:
        // "Program Analyst (Data Analyst)", "Intelligence Specialist (Cyber …)", "Emergency Management Specialist (Geospatial)").
        var overridable = TermFlags.Overridable | TermFlags.ClassTitle;
        R(t, Area.NotDigital, Head.Analyst, overridable, "program analyst", "program analysts", "management analyst", "management and program analyst",
            "management program analyst", "staff analyst", "departmental analyst", "research analyst", "operations research analyst",
            "operations research systems analyst", "social science research analyst", "management services analyst", "program and management analyst",
            "intelligence analyst", "intelligence research analyst", "policy and program analyst", "research and statistics analyst",
            "health system specialist", "health systems specialist", "health scientist", "physical scientist", "research scientist",
            "intelligence specialist", "intelligence research specialist", "emergency management specialist", "program specialist",
            "transportation specialist", "writer editor", "economist", "financial economist", "geographer", "cartographer",
            "mission support specialist", "management specialist", "research specialist", "program research specialist",
            "management and program specialist", "program support analyst", "associate governmental program analyst",
            "governmental program analyst", "operations and policy analyst", "management analyst supervisor", "agency data manager",
            "public affairs specialist", "biologist", "engineering psychologist", "psychologist",
            "executive officer", "higher executive officer", "senior executive officer", "administrative officer", "deputy principal",
            "staff officer", "executive officer ii", "administrative assistant grade", "interdisciplinary engineer physical scientist", "operations plans policy and program management");
        // Soft: not digital unless an IT series or a role in parentheses says otherwise.
        N(t, false, "technology transfer", "assistive technology", "corporate services", "corporate", "corporate support", "program", "programme", "programs", "budget", "budgeting", "budgets", "procurement", "contract", "contracts", "contracting", "purchasing", "acquisition"
            , "policy", "legislative", "credit", "credit risk", "accounts payable", "accounts receivable", "financial", "finance", "fiscal",
            "accounting", "payroll", "human resources", "human resource", "hr", "hris", "personnel", "recruitment", "recruiting",
            "talent", "talent acquisition", "people", "operations research", "intelligence", "crime", "criminal", "emergency management",
            "marketing", "communications", "public affairs", "public relations", "press", "media", "digital media", "social media",
            "digital communications", "digital marketing", "brand", "campaign", "campaigns", "multimedia", "audiovisual", "video production",
            "visual information", "creative", "creative content", "graphic", "graphics", "photography", "supply", "supply chain",
            "logistics", "inventory", "warehouse", "materiel", "financial systems", "supply systems", "supply system", "systems and procedures",
            "health systems", "health system", "hr information systems", "human resources information systems", "payroll systems",
            "logistics systems", "training systems", "weapons", "weapon", "weapons systems", "weapon systems", "clinical", "medical",
            "health", "healthcare", "health care", "public health", "nursing", "pharmacy", "mental health", "regulatory", "grants", "grant", "real property", "real estate", "facilities", "facility", "construction", "capital",
            "capital projects", "capital program", "capital delivery", "estates", "estate", "property", "building", "buildings",
            "business support", "support services", "administration", "clerical", "office", "case", "casework", "case management", "stakeholder", "stakeholders", "outreach", "social science", "social services", "social work", "child welfare", "children", "family", "families", "youth", "aging",
            "customer service", "contact center", "contact centre", "call center", "call centre", "311", "imagery", "records",
            "records management", "information management", "knowledge management", "knowledge and information management",
            "information governance", "information rights", "freedom of information", "foia", "privacy", "data protection", "data practices",
            "data policy", "field data collection", "training", "learning", "curriculum", "education", "educational",
            "instructional", "pipeline", "homeland security program", "business development", "economic development",
            "professional development", "workforce development", "workforce", "community development", "development", "fundraising",
            "enforcement", "claims", "benefits", "eligibility", "medicaid", "medicare", "snap", "unemployment insurance",
            "child support", "protective", "transportation security", "resilience", "planning", "land use",
            "archives", "library", "museum", "appraisals", "diary", "production control aircraft", "tax", "taxation", "revenue", "trade", "negotiations", "housing", "energy", "water", "wastewater", "sewer", "stormwater",
            "environmental", "environment", "electrical", "electronic", "electronics", "mechanical", "aerospace", "transit", "rail",
            "railway", "transportation", "traffic", "highway", "highways", "roads", "road", "bridge", "bridges", "streets", "public works",
            "parks", "recreation", "food", "radio", "radio systems", "fuel", "maintenance", "laboratory", "legal", "bus",
            "aircraft", "aviation", "airport", "flight", "currency", "parking", "landscape", "tunnel", "marine", "maritime", "naval", "nuclear",
            "chemical", "structural", "petroleum", "mining", "agricultural", "dairy", "fleet", "hvac", "plumbing", "sanitation", "solid waste",
            "waste", "utility", "utilities", "power", "light and power", "electric", "grid", "transmission", "substation", "signal",
            "traffic signal", "traffic signals", "fire", "fire protection", "emergency", "emergency communications",
            "public safety", "detention", "parole", "court", "courts", "judicial", "jury",
            "elections", "election", "voter", "assessor office", "assessment", "appraisal", "benefit", "pension", "retirement", "insurance",
            "loan", "loans", "lending", "banking", "investment", "portfolio account", "investigations", "investigative",
            "inspection", "inspections", "code enforcement", "licensing", "permits", "permitting", "zoning", "planning and development",
            "land development", "regeneration", "urban", "urban design", "interior", "architectural", "historic", "cultural", "arts",
            "tourism", "events", "volunteer", "volunteers", "membership", "fundraising events", "grants management", "economic",
            "economics", "labor market", "labour market", "broadband", "digital inclusion",
            "digital literacy", "translation", "language", "interpreting", "counterintelligence", "counter terrorism", "counterterrorism",
            "insider threat", "threat assessment", "threat management", "security clearance", "vetting", "security vetting", "guard", "guard service", "policing",
            "military", "mission command", "munitions", "missile", "radar", "navigation", "combat",
            "soldier", "ground soldier", "modeling and simulation", "simulation", "electro optics", "fare collection", "fare",
            "instrumentation", "instrument", "meter", "meters", "geotechnical", "hydraulic", "hydraulics", "survey",
            "surveying", "cadastral", "real time", "disaster", "disaster recovery program", "recovery", "mitigation", "hazard",
            "operational delivery", "project delivery", "programme delivery office", "service delivery operations", "operational",
            "field operations", "operations management", "business operations", "airport operations", "road operations", "fleet operations",
            "transit operations", "warehouse operations", "distribution", "distribution system", "collections", "digitization",
            "digital collections", "digital conversion", "digital archives", "digital preservation", "drafting", "diversity", "equity", "inclusion", "ethics", "safety", "occupational health", "health and safety", "quality improvement",
            "clinical quality", "patient", "infection", "epidemiology", "nutrition", "veterinary", "animal", "wildlife",
            "fish", "fisheries", "forestry", "natural resource", "natural resources", "conservation", "rangeland", "soil", "agriculture",
            "marketing specialist", "exhibits", "exhibit", "audit unit", "inquiry", "inquiries", "secretariat", "parliamentary", "ministerial",
            "private office", "correspondence", "briefing", "employment", "jobs", "apprenticeship programme", "skills", "immigration",
            "border", "customs", "asylum", "visa", "passport", "citizenship", "refugee", "consular", "diplomatic", "foreign affairs",
            "international", "international development", "defence policy", "defense policy", "strategy and planning", "corporate strategy",
            "public policy", "policy development", "campaigns and communications", "events and communications", "creative services", "design and print", "print", "printing", "publishing", "publications", "editorial", "journalism",
            "broadcast", "film", "television", "communications content", "brand and content", "training content",
            "learning content", "e learning", "elearning", "learning design", "instructional design", "learning technology",
            "educational technology", "instructional technology", "teaching", "school", "schools", "student information systems",
            "student information", "admissions", "financial aid", "transportation planning",
            "transportation systems", "traffic systems", "signal systems", "train control", "traction power", "power systems",
            "electrical power systems", "control room", "dispatch", "e911", "public safety communications",
            "emergency communications center", "fire alarm", "alarm", "security systems physical",
            "access control physical", "cctv", "locksmith", "sustainability", "climate", "energy management", "building systems", "utility systems", "fuel distribution",
            "unmanned aircraft systems", "powered support systems", "electronic integrated systems", "weapons system",
            "production data", "shipbuilding", "shipyard", "depot", "ordnance", "ammunition", "firearms",
            "special operations", "tactical", "intelligence and analysis");
        // Hard: not digital whatever the series or a parenthetical says.
        N(t, true, "comsec", "comsec manager", "staff services analyst", "staff services manager", "science and technology",
            "civil", "civil engineering", "traffic engineering", "transportation engineering", "stationary", "mechanical engineering",
            "electrical engineering", "electronics engineering", "environmental engineering", "structural engineering", "geotechnical engineering",
            "water resources", "fire protection engineering", "biomedical", "biomedical engineering", "healthcare engineering", "flight engineering",
            "aerospace engineering", "nuclear engineering", "chemical engineering", "industrial engineering", "materials", "safety engineering",
            "test and evaluation", "professional engineering", "design engineer for tunnel", "construction assurance", "product management engineer",
            "reactor", "reactor plant", "engineering positions", "mechanical and electrical", "electrical and mechanical", "attorney",
            "police", "special agent", "patent", "patent examiner", "correctional", "corrections", "instructor", "teacher", "professor",
            "nurse", "physician", "doctor", "dentist", "pharmacist", "medical officer", "psychiatrist", "therapist", "counselor", "counsellor",
            "paramedic", "emergency medical", "firefighter", "fire fighter", "fire captain", "chaplain", "cook", "veterinarian", "janitor",
            "custodian", "painter", "plumber", "plumbers", "electrician", "carpenter", "mechanic", "repairer", "driver", "pilot", "dispatcher",
            "telecommunicator", "radiologic", "tomography", "x ray", "mortuary", "fitter", "crypto custodian", "cryptocurrency",
            "social security", "food security", "food product", "food products", "currency product", "health science", "occupational health product",
            "product safety", "deputy product manager", "assistant product manager", "acquisition key billet", "urban designer",
            "interior designer", "learning designer", "instructional designer", "instructional systems", "office automation",
            "building automation", "asset reliability", "irrigation", "uncrewed air systems", "data entry", "data collector", "data collection",
            "clinical coding", "medical coding", "clinical coder", "coding specialist", "content developer", "curriculum developer",
            "course developer", "training developer", "child development", "imagery analyst", "cad operator", "cadd", "drafter",
            "fire safety", "regional network officer", "social network", "provider network", "hydrant", "asphalt", "exam administrator",
            "test administrator", "accessibility outreach", "learning portfolio", "head of planning", "town planning", "insemination",
            "inmate", "prison officer", "prisoner", "probation", "transportation security officer", "physical security", "personnel security",
            "industrial security", "protective security", "martyns law", "cyber law", "it law", "911", "army creative", "quality technician",
            "quality tech", "quality specialist", "quality inspector", "quality control inspector", "scientist engineer", "general attorney",
            "attorney advisor", "business developer", "economic developer", "community developer", "property developer", "land developer",
            "recreation programmer", "housing developer", "real estate developer", "lawyer", "paralegal", "judge", "magistrate", "law clerk",
            "court reporter", "courtroom", "bailiff", "trooper", "deputy sheriff", "sheriff", "detention officer", "correction officer",
            "correctional officer", "border patrol", "border services", "immigration officer", "customs officer", "asylum officer",
            "criminal investigator", "revenue agent", "tax examiner", "examiner", "bank examiner", "financial examiner",
            "inspector", "surveyor", "appraiser", "archivist", "curator", "librarian", "translator", "interpreter", "interviewer",
            "enumerator", "laborer", "labourer", "operative", "caterer", "laundry", "bus operator", "transit operator", "train operator",
            "truck driver", "station agent", "station supervisor", "work coach", "social worker", "caseworker", "case worker",
            "eligibility worker", "health worker", "health improvement", "healthcare assistant", "nursing assistant", "medical assistant",
            "medical secretary", "medical records", "pharmacy technician", "lab technician", "laboratory technician", "engineering technician",
            "electronics technician", "electronics mechanic", "telecommunications mechanic", "electronic equipment", "civil engineer", "traffic engineer", "transportation engineer", "stationary engineer", "mechanical engineer", "electrical engineer",
            "electronics engineer", "environmental engineer", "general engineer", "industrial engineer", "materials engineer",
            "safety engineer", "highway engineer", "highways engineer", "roads engineer", "flood risk engineer", "water engineer",
            "stormwater engineer", "geotechnical engineer", "hydraulic engineer", "structural engineer", "chemical engineer", "nuclear engineer",
            "aerospace engineer", "biomedical engineer", "healthcare environmental engineer", "power systems engineer", "project engineer",
            "engineer in training", "engineer trainee", "engineer intern", "graduate engineer", "professional engineer", "assistant engineer",
            "associate engineer", "naval architect", "landscape architect", "test officer",
            "training specialist", "training instructor", "training officer", "security guard", "chief of staff", "executive assistant", "personal assistant", "private secretary",
            "assistant private secretary", "secretary", "receptionist", "typist", "clerk typist", "file clerk", "mail clerk", "data clerk",
            "data processing clerk", "keyboard", "keyboarding", "accountant", "bookkeeper", "actuary", "underwriter", "epidemiologist",
            "chemist", "physicist", "geologist", "hydrologist", "meteorologist", "forester", "ranger", "ecologist",
            "pathologist", "criminalist", "crime analyst", "crime laboratory", "photographer", "videographer", "journalist",
            "press secretary", "press officer", "public information officer", "public information", "information officer",
            "communications officer", "communications director", "communications specialist", "communications consultant",
            "communications advisor", "communications manager", "social media manager", "brand manager", "marketing manager",
            "campaign manager", "recruiter", "hr business partner", "finance business partner", "business partner", "budget analyst",
            "policy analyst", "policy advisor", "policy adviser", "policy officer", "policy manager", "policy lead", "policy advocate",
            "legislative assistant", "legislative analyst", "foreign affairs officer", "foreign service officer", "diplomat", "economic analyst",
            "contract specialist", "contracting officer", "procurement specialist", "procurement officer", "procurement analyst", "purchaser",
            "buyer", "grants specialist", "grants officer", "claims specialist", "claims examiner", "tax specialist", "tax technician",
            "customer service representative", "customer service advisor", "customer service assistant", "client services representative",
            "contact representative", "call taker", "client advisor", "service representative", "loan specialist", "loan analyst",
            "program technician", "office assistant", "office manager", "administrative assistant", "administrative specialist", "administrative analyst", "administrative professional", "administrative technician",
            "management technician", "management assistant", "program associate", "operations specialist",
            "operations officer", "operations supervisor", "operations manager", "mission support", "disability analyst", "disability examiner",
            "benefits specialist", "eligibility specialist", "eligibility technician", "income maintenance", "child protective",
            "child protection", "child care", "youth worker", "community worker", "community health worker", "peer specialist",
            "park ranger", "wildland firefighter", "forestry technician", "biological science technician", "hydrologic technician",
            "physical science technician", "engineering aide", "survey technician", "meteorological technician", "medical technologist",
            "radiologic technologist", "surgical technologist", "health technician", "health technologist", "sterile processing",
            "optometry", "dental", "veterans service representative", "rating veterans service representative", "claims representative",
            "social insurance specialist", "retirement services specialist", "human resources specialist", "human resources assistant",
            "human resource consultant", "human resources consultant", "human resources analyst", "hr officer", "hr generalist",
            "personnel research psychologist", "equal employment", "labor relations", "employee relations", "payroll specialist",
            "financial analyst", "financial management specialist", "financial management analyst", "financial specialist",
            "financial officer", "finance officer", "fiscal analyst", "fiscal specialist", "revenue officer", "collections officer",
            "debt management officer", "fraud investigator", "fraud investigation", "compliance examiner", "securities compliance examiner", "regulatory specialist", "licensing specialist",
            "environmental protection specialist", "environmental specialist", "environmental scientist", "environmental officer",
            "environmental health specialist", "public health sanitarian", "natural resource specialist", "natural resource officer",
            "soil conservationist", "realty specialist", "building management specialist", "property disposal specialist",
            "facilities manager", "estates manager", "property manager", "museum specialist", "exhibits specialist",
            "reference librarian", "library assistant", "library associate", "library aide", "teacher aide", "student trainee biological",
            "legal secretary", "legal assistant", "law enforcement", "police officer", "police constable", "police staff", "code enforcement officer",
            "bylaw officer", "peace officer", "parking enforcement", "traffic enforcement", "court services officer", "court clerk",
            "deputy clerk", "probation officer", "parole officer", "rural payments inspector", "marine licensing officer",
            "valuation officer", "land registration officer", "registrar", "passport specialist", "immigration services officer",
            "border force officer", "aviation security officer", "maritime security specialist",
            "airport operations officer", "air traffic control", "air traffic", "airway transportation systems specialist",
            "aviation safety inspector", "aviation safety analyst", "safety investigator", "mine safety", "food inspector",
            "consumer safety inspector", "consumer safety officer", "medical support assistant", "medical instrument technician",
            "supply technician", "inventory management specialist", "logistics management specialist", "logistics specialist",
            "supply systems analyst", "financial systems analyst", "systems accountant", "systems control accountant", "weapons systems support",
            "fleet systems coordinator", "traffic signal systems technician", "signal technician", "street lighting", "light and power systems",
            "hvac systems", "water systems operator", "water systems", "distribution system operator", "water plant operator",
            "water treatment", "water utility operator", "water process operator", "water quality", "water and waste", "wastewater treatment",
            "control room operator", "power dispatcher", "power system dispatcher", "irrigation system operator", "fuel distribution system operator",
            "utility systems repairer operator", "powered support systems mechanic", "electronic integrated systems mechanic",
            "radio operator", "radio dispatcher", "radio technician", "radio communications technician", "radio systems technician",
            "radio system support", "electronics mechanic leader", "communications operator", "communications electrician",
            "police communications", "emergency communications specialist", "911 call taker", "call center representative",
            "outreach technician", "outreach coordinator", "instrument technician", "fare collection technician", "bus mechanic",
            "maintenance worker", "maintenance mechanic", "equipment operator", "waste operative", "sanitation worker", "sanitation laborer",
            "motor truck driver", "school bus driver", "firefighter emt", "emt", "captain", "lieutenant", "sergeant", "officer trainee",
            "recruit", "cadet", "coin press operator", "currency examiner", "offset press", "printing specialist", "press worker",
            "production operator", "production worker", "warehouse operator", "spray dryer operator", "sanitation lead",
            "manufacturing", "team manager cream", "production controller", "aircraft mechanic", "aircraft production",
            "digital archivist", "digital conversion specialist", "archives technician", "records technician", "records management specialist",
            "police records technician", "medical records technician", "clinical applications coordinator", "diagnostic radiologic technologist",
            "computer assisted ordering", "secretary office automation", "office automation clerk", "office automation assistant",
            "program support assistant", "mail and file clerk", "hearing office clerk", "jury administrator", "financial administrator",
            "instructional technology teacher", "computer science instructor", "computer scientist instructor", "industrial training supervisor",
            "teacher computer", "statistics clerk", "statistical assistant", "census field supervisor", "field representative",
            "statistics canada interviewer", "foreign language analyst", "crime laboratory specialist", "forensic scientist",
            "forensic examiner", "forensic quality specialist", "latent prints", "threat assessment psychologist", "insider threat analyst",
            "counterintelligence specialist", "counter terrorism threat analyst", "foreign disclosure officer", "digital media specialist", "digital communications specialist", "digital communications officer", "digital communications advisor",
            "digital designer cadd", "cadd designer", "graphic designer", "graphic artist", "multimedia designer", "visual information specialist",
            "audiovisual production specialist", "video manager", "creative content team leader", "brand and content manager",
            "social media coordinator", "design lead architectural", "civil design lead", "design reviewer",
            "learning design specialist", "architectural design specialist", "associate urban designer", "assistant urban designer",
            "patent examiner computer", "training instructor computer", "telecommunications policy analyst",
            "telecommunications policy", "attorney advisor telecommunications", "broadband program", "digital equity", "cell site analyst",
            "negotiations team lead", "channel forecaster", "portfolio account manager", "membership retention", "customer team leader",
            "business service manager", "operational delivery officer", "operational delivery manager", "operational support grade",
            "supervising officer", "estates delivery", "public works delivery", "capital delivery lead", "project delivery manager",
            "space systems engineering", "aerospace flight systems", "propulsion systems",
            "flight systems", "chief systems engineer", "systems engineering", "head of uncrewed air systems", "product safety inspector",
            "food product manager", "health science product manager", "occupational health product manager", "product director mission",
            "product lead ground", "program manager currency", "currency product manager", "dairy products", "production controller aircraft",
            "supervisory aircraft production data technician", "pipeline manager", "pipeline planner", "government information specialist",
            "analyst oti", "senior analyst science and technology", "science and technology analyst", "engineering and contract services",
            "summer college intern", "college aide", "student volunteer", "pathways internship biological");
    }

    // Source categories (NEOGOV category, Workday job family, NYC job category, UK role type) that say a job is IT.
    public static PhraseTable BuildCategoryTable(Vocabulary words)
    {
        var t = new PhraseTable(words);
        void Add(Area area, params string[] texts)
        {
            foreach (var text in texts)
                t.Add(new Term(text, TermKind.Domain, area, Head.None, TermFlags.GivesSetting));
        }
        Add(Area.Generalist, "information technology", "it", "ict", "computers", "computer", "technology", "it and computers",
            "information technology and telecommunications", "technology data and innovation", "information systems", "information services",
            "technology and innovation", "information management and technology", "digital data and technology");
        Add(Area.Generalist, "digital");
        Add(Area.Network, "telecommunications", "telecom", "network", "networking");
        Add(Area.Swe, "software engineering", "software development", "software", "engineering software", "application development");
        Add(Area.Cyber, "cyber", "cyber security", "cybersecurity", "information security", "it security");
        Add(Area.Science, "data science", "machine learning");
        Add(Area.Analytics, "data and analytics", "analytics", "business intelligence");
        Add(Area.Gis, "gis", "geospatial");
        Add(Area.Ux, "user experience", "ux", "design and research");
        Add(Area.Product, "product management", "product");
        Add(Area.Support, "it support", "help desk", "service desk");
        Add(Area.DevOps, "devops", "cloud");
        return t;
    }

    static void H(PhraseTable t, Head head, params string[] texts) => H(t, head, Area.None, TermFlags.None, texts);

    static void H(PhraseTable t, Head head, TermFlags flags, params string[] texts) => H(t, head, Area.None, flags, texts);

    static void H(PhraseTable t, Head head, Area area, params string[] texts) => H(t, head, area, TermFlags.None, texts);

    static void H(PhraseTable t, Head head, Area area, TermFlags flags, string[] texts)
    {
        foreach (var text in texts)
            t.Add(new Term(text, TermKind.Head, area, head, flags));
    }

    static void D(PhraseTable t, Area area, params string[] texts) => D(t, area, TermFlags.None, texts);

    static void D(PhraseTable t, Area area, TermFlags flags, params string[] texts)
    {
        foreach (var text in texts)
            t.Add(new Term(text, TermKind.Domain, area, Head.None, flags));
    }

    static void R(PhraseTable t, Area area, Head head, params string[] texts) => R(t, area, head, TermFlags.None, texts);

    static void R(PhraseTable t, Area area, Head head, TermFlags flags, params string[] texts)
    {
        foreach (var text in texts)
            t.Add(new Term(text, TermKind.Role, area, head, flags));
    }

    static void C(PhraseTable t, Area area, params string[] texts)
    {
        foreach (var text in texts)
            t.Add(new Term(text, TermKind.Code, area, Head.None, TermFlags.GivesSetting));
    }

    static void ParenCode(PhraseTable t, Area area, params string[] texts)
    {
        foreach (var text in texts)
            t.Add(new Term(text, TermKind.Code, area, Head.None, TermFlags.ParenOnly));
    }

    // Fields beside a product or delivery role that say what it manages is not digital: "Product Manager (Acquisition)".
    static readonly HashSet<string> ProgrammeContext = new(StringComparer.Ordinal)
    {
        "acquisition", "procurement", "contracting", "munitions", "weapons", "weapon", "materiel", "construction", "capital",
        "capital projects", "capital program", "estates", "facilities", "facility", "soldier", "ground soldier", "mission command",
        "missile", "combat", "real property", "housing", "transportation", "highway", "transit", "rail", "water", "wastewater",
    };

    // Nouns that name a person's job: a not-digital phrase ending in one ("police officer", "bus driver", "attorney") is a role,
    // one ending otherwise ("office", "acquisition management") only a field.
    static readonly HashSet<string> RoleNouns = new(StringComparer.Ordinal)
    {
        "engineer", "officer", "analyst", "specialist", "manager", "technician", "clerk", "operator", "driver", "worker", "attorney",
        "lawyer", "nurse", "physician", "doctor", "dentist", "pharmacist", "firefighter", "fighter", "teacher", "instructor", "professor",
        "chaplain", "cook", "mechanic", "electrician", "plumber", "plumbers", "carpenter", "painter", "custodian", "janitor", "pilot",
        "dispatcher", "guard", "secretary", "receptionist", "accountant", "bookkeeper", "actuary", "underwriter", "epidemiologist",
        "chemist", "physicist", "geologist", "hydrologist", "meteorologist", "forester", "ranger", "ecologist", "pathologist",
        "psychologist", "psychiatrist", "criminalist", "photographer", "videographer", "journalist", "recruiter", "buyer", "purchaser",
        "paralegal", "judge", "magistrate", "bailiff", "trooper", "sheriff", "constable", "laborer", "labourer", "operative", "caterer",
        "interpreter", "translator", "interviewer", "enumerator", "librarian", "archivist", "curator", "surveyor", "appraiser",
        "inspector", "examiner", "caseworker", "therapist", "counselor", "counsellor", "paramedic", "emt", "cadet", "recruit",
        "captain", "lieutenant", "sergeant", "telecommunicator", "drafter", "fitter", "repairer", "veterinarian", "economist",
        "biologist", "geographer", "cartographer", "registrar", "assistant", "aide", "associate", "apprentice", "intern", "trainee",
        "coordinator", "supervisor", "director", "agent", "representative", "advisor", "adviser", "partner", "member", "controller",
        "leader", "lead", "planner", "designer", "architect", "developer", "programmer", "scientist", "writer", "editor", "administrator",
        "consultant", "expert", "professional", "generalist", "practitioner", "technologist", "coder", "typist", "coach", "grade",
        "worker", "collector", "custodian", "reviewer", "auditor", "investigator", "reporter", "agent", "researcher", "student",
        "volunteer", "aide", "taker", "officers", "engineers", "emt", "principal", "cataloger", "keeper", "handler", "fellow",
        "producer", "artist", "gardener", "groundskeeper", "housekeeper", "attendant", "assessor", "controller", "dispatcher",
        "midwife", "optometrist", "radiographer", "sonographer", "phlebotomist", "therapist", "doula", "coroner",
    };

    static void N(PhraseTable t, bool hard, params string[] texts)
    {
        foreach (var text in texts)
            t.Add(new Term(text, TermKind.Domain, Area.NotDigital, Head.None,
                (hard ? TermFlags.Hard : TermFlags.None) | (ProgrammeContext.Contains(text) ? TermFlags.ProgrammeContext : TermFlags.None)
                | (RoleNouns.Contains(text[(text.LastIndexOf(' ') + 1)..]) ? TermFlags.RoleLike : TermFlags.None)));
    }
}
