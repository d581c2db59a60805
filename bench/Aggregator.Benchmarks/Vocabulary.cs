/// <summary>
/// What generated postings say: titles and duties for every role of the taxonomy (docs/taxonomy.md), the
/// not-digital jobs around them, departments, and each kind of source's boilerplate. Words are chosen so searches
/// have realistic selectivity: "software" and "engineer" are common in engineering postings, "engineer" also in
/// civil and network ones, "cloud" in a fifth of digital postings and almost nowhere else.
/// </summary>
static class Vocabulary
{
    /// <summary>Digital categories with their share of digital postings and title stems.</summary>
    public static readonly (string Category, double Weight, string[] Titles)[] Digital =
    [
        ("software-engineering", 14, ["Software Engineer", "Software Developer", "IT Specialist (APPSW)", "Application Developer", "Full Stack Developer", "Front End Developer", "Salesforce Developer"]),
        ("devops-sre", 5, ["DevOps Engineer", "Site Reliability Engineer", "Cloud Engineer", "Platform Engineer", "Cloud Operations Engineer"]),
        ("qa-testing", 3, ["QA Test Analyst", "Software Test Engineer", "Quality Assurance Analyst", "Test Automation Engineer"]),
        ("architecture", 3, ["Enterprise Architect", "Solutions Architect", "Cloud Architect", "Data Architect"]),
        ("data-science", 4, ["Data Scientist", "Statistician", "Machine Learning Engineer", "Mathematical Statistician"]),
        ("data-analytics", 8, ["Data Analyst", "Business Intelligence Analyst", "Research Analyst (Data)", "Performance Analyst", "Reporting Analyst"]),
        ("data-engineering", 5, ["Data Engineer", "Database Administrator", "ETL Developer", "Data Management Specialist"]),
        ("gis", 4, ["GIS Analyst", "GIS Specialist", "Geospatial Developer", "GIS Technician"]),
        ("user-research", 1.5, ["User Researcher", "UX Researcher", "Usability Specialist"]),
        ("ux-service-design", 3, ["UX Designer", "Service Designer", "Interaction Designer", "Accessibility Specialist", "UI Designer"]),
        ("content-design", 1.5, ["Content Designer", "Content Strategist", "Technical Writer", "UX Writer"]),
        ("product-management", 3, ["Product Manager", "Product Owner", "Digital Service Owner"]),
        ("delivery-project-management", 6, ["IT Project Manager", "Delivery Manager", "Scrum Master", "IT Program Manager"]),
        ("business-analysis", 6, ["Business Analyst", "Systems Analyst", "Business Systems Analyst", "IT Specialist (SYSANALYSIS)"]),
        ("cybersecurity", 9, ["Cybersecurity Analyst", "IT Specialist (INFOSEC)", "Information Security Officer", "Security Engineer", "Incident Response Analyst"]),
        ("infrastructure-operations", 7, ["Systems Administrator", "IT Specialist (SYSADMIN)", "Server Administrator", "Infrastructure Engineer"]),
        ("network-engineering", 5, ["Network Engineer", "Network Administrator", "Telecommunications Specialist", "IT Specialist (NETWORK)"]),
        ("it-support", 10, ["Help Desk Technician", "IT Support Specialist", "Desktop Support Technician", "IT Specialist (CUSTSPT)", "Service Desk Analyst"]),
        ("it-service-management", 2, ["IT Asset Manager", "IT Service Manager", "Change Manager (IT)", "Software License Manager"]),
        ("it-generalist", 6, ["IT Specialist", "Information Technology Specialist", "Computer Specialist", "IT Analyst"]),
        ("digital-leadership", 1.5, ["Chief Information Officer", "Chief Technology Officer", "Chief Data Officer", "IT Director", "Director of Digital Services"]),
    ];

    public static readonly string[] NotDigital =
    [
        "Civil Engineer", "Budget Analyst", "Police Officer", "Registered Nurse", "Accountant", "Correctional Officer", "Social Worker",
        "Maintenance Worker", "Librarian", "Firefighter", "Bus Operator", "City Planner", "Environmental Scientist", "Attorney", "Paralegal",
        "Human Resources Specialist", "Procurement Officer", "Administrative Assistant", "Customer Service Representative", "Park Ranger",
        "Water Treatment Plant Operator", "Electrician", "Fleet Mechanic", "Building Inspector", "Public Health Nurse", "Eligibility Specialist",
        "Program Analyst", "Management Analyst", "Contract Specialist", "Financial Analyst", "Auditor", "Economist", "Wildlife Biologist",
        "Traffic Engineer", "Structural Engineer", "Electrical Engineer", "Mechanical Engineer", "Highway Maintenance Worker", "Emergency Dispatcher",
        "Court Clerk", "Legal Assistant", "Caseworker", "Child Welfare Specialist", "Epidemiologist", "Pharmacist", "Physician", "Dietitian",
        "Recreation Coordinator", "Custodian", "Equipment Operator", "Grants Manager", "Communications Specialist", "Policy Advisor",
        "Tax Examiner", "Claims Examiner", "Border Patrol Agent", "Special Agent", "Forestry Technician", "Veterans Service Representative",
    ];

    public static readonly Dictionary<string, string[]> Duties = new(StringComparer.Ordinal)
    {
        ["engineering"] =
        [
            "Design, build and maintain software for residents and staff, from the database to the browser.",
            "Write clean, tested code in C#, Java, Python or JavaScript and review the code of other engineers.",
            "Deploy services to our cloud platform and keep them running with monitoring, alerts and automation.",
            "Modernize legacy mainframe applications into accessible web applications and APIs.",
            "Work in an agile team with product managers and designers, shipping small changes often.",
            "Automate builds, tests and deployments with continuous integration pipelines and infrastructure as code.",
            "Integrate systems across agencies through APIs, message queues and batch interfaces.",
            "Improve the reliability, performance and security of production software systems.",
        ],
        ["data"] =
        [
            "Build data pipelines that move program data into the warehouse and keep it accurate.",
            "Analyze program data with SQL, Python or R and present findings to leadership.",
            "Create dashboards and reports in Power BI or Tableau that track service performance.",
            "Develop statistical and machine learning models to forecast demand and detect fraud.",
            "Maintain spatial data and build maps and GIS applications for planning and operations.",
            "Model data, document data definitions and improve data quality across systems.",
            "Administer relational databases, tune queries and plan backups and recovery.",
            "Migrate reporting workloads to a cloud data platform.",
        ],
        ["design-research"] =
        [
            "Plan and run research with the people who use our services: interviews, usability tests and surveys.",
            "Design accessible user interfaces and service journeys that meet WCAG and plain language standards.",
            "Write and structure the words of digital services so residents can complete tasks the first time.",
            "Prototype and test designs with users, and work with engineers to build them.",
            "Maintain the design system and content guidelines used across agency websites.",
        ],
        ["product-delivery"] =
        [
            "Own the product roadmap and prioritize the backlog based on user needs and policy outcomes.",
            "Manage the delivery of technology projects on schedule and within budget, tracking risks and dependencies.",
            "Gather and document business requirements and translate them into user stories.",
            "Facilitate agile ceremonies and remove blockers for delivery teams.",
            "Coordinate vendors, stakeholders and program staff through system modernization.",
        ],
        ["security"] =
        [
            "Monitor networks and systems for threats, investigate incidents and coordinate response.",
            "Assess security controls against NIST and FedRAMP requirements and maintain authorizations.",
            "Manage vulnerability scanning, patching and identity and access management.",
            "Secure cloud workloads and review system designs for security risks.",
        ],
        ["it-operations"] =
        [
            "Install, configure and support servers, storage and virtualization platforms.",
            "Provide help desk support to staff for hardware, software, accounts and mobile devices.",
            "Maintain LAN, WAN, wireless and voice networks, including firewalls and routers.",
            "Manage IT assets, software licenses and service requests using ITIL processes.",
            "Administer Microsoft 365, Active Directory and endpoint management.",
            "Support the migration of on-premises systems to cloud infrastructure.",
        ],
        ["leadership"] =
        [
            "Set the technology strategy, budget and governance for the organization.",
            "Lead teams of engineers, analysts and project managers delivering digital services.",
            "Oversee the IT portfolio, major investments and vendor contracts.",
        ],
        [""] =
        [
            "Serve the public with professionalism, courtesy and attention to detail.",
            "Prepare reports, maintain records and respond to inquiries from the public and other agencies.",
            "Inspect sites and equipment and ensure compliance with regulations and safety standards.",
            "Coordinate with community partners, contractors and other departments.",
            "Review applications, determine eligibility and process claims accurately and on time.",
            "Operate and maintain vehicles, tools and equipment.",
            "Plan programs, manage budgets and evaluate outcomes.",
            "Respond to emergencies and work rotating shifts, weekends and holidays as required.",
        ],
    };

    public static readonly string[] Qualifications =
    [
        "Bachelor's degree in a related field, or equivalent experience.",
        "Three years of progressively responsible experience in the field.",
        "Experience communicating complex information to non-technical audiences.",
        "Ability to obtain and maintain a background investigation.",
        "Valid driver's license may be required.",
        "Experience working with diverse communities and stakeholders.",
        "Knowledge of applicable laws, regulations and policies.",
        "Strong written and oral communication skills.",
    ];

    public static readonly Dictionary<string, string> Boilerplate = new(StringComparer.Ordinal)
    {
        ["federal"] = "This position is in the competitive service. Applicants must be U.S. citizens. Selective Service registration is required for males born after 1959. A one-year probationary period may be required. The agency provides reasonable accommodation to applicants with disabilities. Benefits include health, dental and vision insurance, the Federal Employees Retirement System, the Thrift Savings Plan, paid leave and federal holidays. This agency is an equal opportunity employer.",
        ["state"] = "The State is an equal opportunity employer and values diversity at all levels. Employees enjoy a comprehensive benefits package including medical, dental and vision coverage, a defined benefit pension, deferred compensation, paid vacation and sick leave, and tuition assistance. Candidates may be required to pass a background check. Veterans' preference applies as provided by law.",
        ["local"] = "We are proud to be an equal opportunity employer. Our benefits include medical and dental insurance, retirement through the public employees' retirement system, paid time off, employee wellness programs and public service loan forgiveness eligibility. Applications are reviewed as they are received; qualified candidates will be contacted for interviews.",
        ["org"] = "We offer competitive salaries, fully paid health insurance, a 401(k) with employer match, generous parental leave and a flexible remote-first culture. We welcome applicants of every background and encourage people from communities underrepresented in technology to apply.",
        ["ca"] = "The Government is committed to employment equity and to a public service that reflects the diversity of the people it serves. Candidates must meet the language requirements of the position. Benefits include a defined benefit pension plan, health and dental plans, and paid leave. Reference checks and security screening are part of the process.",
        ["gb"] = "The Civil Service values honesty, integrity, impartiality and objectivity. We offer a Civil Service pension with an employer contribution, 25 days annual leave rising with service, flexible working and learning and development. Appointments are made on merit following fair and open competition. Reasonable adjustments are available for candidates with disabilities.",
    };

    public static readonly string[] Departments =
    [
        "Information Technology", "Public Works", "Health", "Transportation", "Human Services", "Finance", "Revenue", "Public Safety", "Parks and Recreation",
        "Planning and Development", "Environmental Protection", "Labor", "Education", "Corrections", "Natural Resources", "Administration", "Housing",
        "Motor Vehicles", "Water", "Library", "Emergency Management", "Courts", "Elections", "Innovation and Technology",
    ];
}
