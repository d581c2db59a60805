using Aggregator.Postings;

/// <summary>One generated jurisdiction: its row in <c>jurisdictions</c> (id assigned by the generator).</summary>
sealed record Place(long Id, string Name, string Level, string Country, string? Region, long? ParentId, string? City);

/// <summary>
/// One generated source. <paramref name="Digital"/> is the share of its postings that are digital roles (a USAJOBS
/// search for IT series is all digital, a state's whole board about a seventh); <paramref name="Weight"/> its share of all jobs.
/// </summary>
sealed record Feed(string Id, Place Jurisdiction, string Platform, string Name, double Weight, double Digital, string Kind);

/// <summary>
/// The generated jurisdictions and sources: the US federal government and its agencies, 50 states, about 1,100
/// counties, 1,400 cities and 100 special districts; Canada's federal government, provinces and cities; the UK Civil
/// Service, the devolved governments and councils; civic-tech organizations. About 3,000 jurisdictions and 320
/// sources, sized with a heavy skew: a few national boards hold most jobs, hundreds of small boards a few each.
/// </summary>
sealed class World
{
    public List<Place> Places { get; } = [];
    public List<Feed> Feeds { get; } = [];

    public static readonly (string Code, string Name, double Population)[] States =
    [
        ("AL", "Alabama", 5.1), ("AK", "Alaska", 0.7), ("AZ", "Arizona", 7.4), ("AR", "Arkansas", 3.1), ("CA", "California", 39.0),
        ("CO", "Colorado", 5.9), ("CT", "Connecticut", 3.6), ("DE", "Delaware", 1.0), ("FL", "Florida", 22.6), ("GA", "Georgia", 11.0),
        ("HI", "Hawaii", 1.4), ("ID", "Idaho", 1.9), ("IL", "Illinois", 12.5), ("IN", "Indiana", 6.9), ("IA", "Iowa", 3.2),
        ("KS", "Kansas", 2.9), ("KY", "Kentucky", 4.5), ("LA", "Louisiana", 4.6), ("ME", "Maine", 1.4), ("MD", "Maryland", 6.2),
        ("MA", "Massachusetts", 7.0), ("MI", "Michigan", 10.0), ("MN", "Minnesota", 5.7), ("MS", "Mississippi", 2.9), ("MO", "Missouri", 6.2),
        ("MT", "Montana", 1.1), ("NE", "Nebraska", 2.0), ("NV", "Nevada", 3.2), ("NH", "New Hampshire", 1.4), ("NJ", "New Jersey", 9.3),
        ("NM", "New Mexico", 2.1), ("NY", "New York", 19.6), ("NC", "North Carolina", 10.8), ("ND", "North Dakota", 0.8), ("OH", "Ohio", 11.8),
        ("OK", "Oklahoma", 4.1), ("OR", "Oregon", 4.2), ("PA", "Pennsylvania", 13.0), ("RI", "Rhode Island", 1.1), ("SC", "South Carolina", 5.4),
        ("SD", "South Dakota", 0.9), ("TN", "Tennessee", 7.1), ("TX", "Texas", 30.5), ("UT", "Utah", 3.4), ("VT", "Vermont", 0.6),
        ("VA", "Virginia", 8.7), ("WA", "Washington", 7.8), ("WV", "West Virginia", 1.8), ("WI", "Wisconsin", 5.9), ("WY", "Wyoming", 0.6),
    ];

    public static readonly (string Code, string Name, double Population)[] Provinces =
    [
        ("ON", "Ontario", 15.6), ("QC", "Quebec", 8.9), ("BC", "British Columbia", 5.6), ("AB", "Alberta", 4.7), ("MB", "Manitoba", 1.5),
        ("SK", "Saskatchewan", 1.2), ("NS", "Nova Scotia", 1.1), ("NB", "New Brunswick", 0.8), ("NL", "Newfoundland and Labrador", 0.5),
        ("PE", "Prince Edward Island", 0.2), ("NT", "Northwest Territories", 0.05), ("YT", "Yukon", 0.04), ("NU", "Nunavut", 0.04),
    ];

    public static readonly (string Code, string Name, double Population)[] Nations =
        [("ENG", "England", 57.0), ("SCT", "Scotland", 5.5), ("WLS", "Wales", 3.1), ("NIR", "Northern Ireland", 1.9)];

    public static readonly string[] Agencies =
    [
        "Department of Veterans Affairs", "Department of Homeland Security", "Department of Defense", "Department of the Treasury",
        "Department of Health and Human Services", "Department of Justice", "Department of Agriculture", "Department of the Interior",
        "Department of Commerce", "Department of Labor", "Department of Transportation", "Department of Energy", "Department of Education",
        "Department of State", "Department of Housing and Urban Development", "Social Security Administration", "General Services Administration",
        "Environmental Protection Agency", "National Aeronautics and Space Administration", "Office of Personnel Management",
        "Small Business Administration", "Internal Revenue Service", "Centers for Medicare and Medicaid Services", "Federal Emergency Management Agency",
        "Cybersecurity and Infrastructure Security Agency", "U.S. Census Bureau", "National Institutes of Health", "Food and Drug Administration",
        "U.S. Citizenship and Immigration Services", "Customs and Border Protection", "Federal Aviation Administration", "National Park Service",
        "U.S. Geological Survey", "National Oceanic and Atmospheric Administration", "Securities and Exchange Commission",
        "Consumer Financial Protection Bureau", "Federal Communications Commission", "U.S. Digital Service", "Library of Congress",
        "Government Accountability Office",
    ];

    static readonly string[] Prefixes =
    [
        "Ash", "Bay", "Bear", "Bell", "Birch", "Black", "Blue", "Bridge", "Brook", "Cedar", "Clay", "Clear", "Cold", "Cotton", "Crystal",
        "Deer", "East", "Elm", "Fair", "Fox", "Glen", "Gold", "Granite", "Green", "Hazel", "High", "Holly", "Iron", "Lake", "Laurel",
        "Lime", "Maple", "Marsh", "Meadow", "Mill", "Oak", "Pine", "Pleasant", "Red", "River", "Rock", "Rose", "Salt", "Sand", "Silver",
        "Spring", "Stone", "Sugar", "Summer", "Sun", "West", "White", "Willow", "Wolf",
    ];

    static readonly string[] Suffixes = ["field", "ton", "ville", "wood", "burg", "port", "dale", "ford", "view", "mont", "haven", "ridge", "creek", "land", "water"];

    static readonly string[] Districts = ["Transit Authority", "Water District", "Unified School District", "Port Authority", "Housing Authority", "Library District"];

    static readonly string[] Organizations =
        ["Code for America", "Nava PBC", "U.S. Digital Response", "Ad Hoc LLC", "Coforma", "Civilla", "Bloom Works", "Beeck Center", "Digital Service Coalition", "Public Digital"];

    long nextId;

    public World(Random random, long firstId)
    {
        nextId = firstId;
        var stems = Prefixes.SelectMany(p => Suffixes.Select(s => p + s)).ToArray();

        var us = Add("United States federal government", "federal", "US", null, null, null);
        Feeds.Add(Source("us-federal-usajobs", us, "usajobs", "USAJOBS: every agency", 180, 0.22, "federal"));
        for (var a = 0; a < Agencies.Length; a++)
        {
            var agency = Add(Agencies[a], "federal", "US", null, us.Id, null);
            // Agencies with a board of their own cross-post to USAJOBS: the duplicate groups.
            if (a < 12)
                Feeds.Add(Source($"us-federal-{Kebab(Agencies[a])}", agency, a % 2 == 0 ? "usajobs" : "workday", $"{Agencies[a]} careers", 2.5, a < 4 ? 0.5 : 0.2, "agency"));
        }
        Feeds.Add(Source("us-federal-usajobs-digital", us, "usajobs", "USAJOBS: digital series", 25, 1.0, "federal-digital"));

        foreach (var (code, name, population) in States)
        {
            var state = Add($"State of {name}", "state", "US", $"US-{code}", us.Id, null);
            // A few large states run huge boards; every state has one.
            Feeds.Add(Source($"us-{code.ToLowerInvariant()}-state-jobs", state, "neogov", $"State of {name} jobs", population * (population > 15 ? 1.6 : 0.9), 0.14, "state"));
            var counties = (int)Math.Clamp(population * 4.5, 6, 60);
            var cities = (int)Math.Clamp(population * 6.0, 8, 70);
            var picked = stems.OrderBy(_ => random.Next()).Take(counties + cities + 4).ToArray();
            for (var c = 0; c < counties; c++)
            {
                var county = Add($"{picked[c]} County, {name}", "county", "US", $"US-{code}", state.Id, null);
                if (c < Math.Max(1, counties / 12))
                    Feeds.Add(Source($"us-{code.ToLowerInvariant()}-{Kebab(picked[c])}-county", county, "neogov", $"{picked[c]} County jobs", 0.15 + random.NextDouble() * population / 20, 0.1, "county"));
            }
            for (var c = 0; c < cities; c++)
            {
                var stem = picked[counties + c];
                var city = Add($"City of {stem}, {name}", "city", "US", $"US-{code}", state.Id, stem);
                if (c < Math.Max(1, cities / 10))
                    Feeds.Add(Source($"us-{code.ToLowerInvariant()}-{Kebab(stem)}-city", city, c % 3 == 0 ? "workday" : "neogov", $"City of {stem} jobs", 0.1 + random.NextDouble() * population / 25, 0.12, "city"));
            }
            for (var d = 0; d < 2; d++)
            {
                var stem = picked[counties + cities + d];
                var district = Add($"{stem} {Districts[random.Next(Districts.Length)]}, {name}", "special-district", "US", $"US-{code}", state.Id, null);
                if (d == 0 && population > 8)
                    Feeds.Add(Source($"us-{code.ToLowerInvariant()}-{Kebab(district.Name.Split(',')[0])}", district, "neogov", district.Name.Split(',')[0] + " jobs", 0.12, 0.1, "district"));
            }
        }
        foreach (var org in Organizations)
            Feeds.Add(Source($"us-org-{Kebab(org)}", Add(org, "organization", "US", null, null, null), random.Next(2) == 0 ? "greenhouse" : "lever", $"{org} careers", 0.08, 0.85, "org"));

        var canada = Add("Government of Canada", "federal", "CA", null, null, null);
        Feeds.Add(Source("ca-federal-gc-jobs", canada, "html", "GC Jobs", 45, 0.2, "national"));
        foreach (var (code, name, population) in Provinces)
        {
            var province = Add($"Province of {name}", "province", "CA", $"CA-{code}", canada.Id, null);
            if (population > 0.3)
                Feeds.Add(Source($"ca-{code.ToLowerInvariant()}-public-service", province, "workday", $"{name} public service", population * 0.8, 0.15, "state"));
            var cities = (int)Math.Clamp(population * 8, 2, 30);
            foreach (var stem in stems.OrderBy(_ => random.Next()).Take(cities))
            {
                var city = Add($"City of {stem}, {name}", "city", "CA", $"CA-{code}", province.Id, stem);
                if (random.Next(6) == 0)
                    Feeds.Add(Source($"ca-{code.ToLowerInvariant()}-{Kebab(stem)}-city", city, "html", $"City of {stem} careers", 0.1 + random.NextDouble() * 0.3, 0.12, "city"));
            }
        }

        var uk = Add("UK Civil Service", "federal", "GB", null, null, null);
        Feeds.Add(Source("gb-civil-service-jobs", uk, "uk-csj", "Civil Service Jobs", 60, 0.25, "national"));
        // Council names are unique across the UK, so every nation takes its own slice of one shuffled list.
        var councilStems = new Queue<string>(stems.OrderBy(_ => random.Next()));
        foreach (var (code, name, population) in Nations)
        {
            var nation = Add(code == "ENG" ? "Greater London Authority" : $"{name} Government", "state", "GB", $"GB-{code}", uk.Id, null);
            if (code != "ENG")
                Feeds.Add(Source($"gb-{code.ToLowerInvariant()}-government", nation, "html", $"{name} government jobs", population * 0.7, 0.18, "state"));
            var councils = (int)Math.Clamp(population * 3, 10, 150);
            foreach (var stem in Enumerable.Range(0, councils).Select(_ => councilStems.Dequeue()))
            {
                var council = Add($"{stem} Council", random.Next(3) == 0 ? "county" : "city", "GB", $"GB-{code}", nation.Id, stem);
                if (random.Next(8) == 0)
                    Feeds.Add(Source($"gb-{code.ToLowerInvariant()}-{Kebab(stem)}-council", council, "rss", $"{stem} Council jobs", 0.1 + random.NextDouble() * 0.4, 0.1, "city"));
            }
        }
    }

    Place Add(string name, string level, string country, string? region, long? parent, string? city)
    {
        var place = new Place(nextId++, name, level, country, region, parent, city);
        Places.Add(place);
        return place;
    }

    static Feed Source(string id, Place place, string platform, string name, double weight, double digital, string kind) =>
        new("bench-" + id, place, platform, name, weight, digital, kind);

    static string Kebab(string name) => Slug.Of(name);
}
