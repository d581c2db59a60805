using System.Globalization;
using Npgsql;
using NpgsqlTypes;

/// <summary>
/// Loads N synthetic but realistic open jobs (titles, roles, regions, salaries, dates, ~1 KB descriptions)
/// with COPY, for the feed and search benchmarks. Deterministic for a given count (fixed seed).
/// </summary>
static class JobGenerator
{
    static readonly (string Title, string Category, string Family)[] roles =
    [
        ("Software Engineer", "software-engineering", "engineering"), ("Senior Software Developer", "software-engineering", "engineering"),
        ("IT Specialist (APPSW)", "software-engineering", "engineering"), ("DevOps Engineer", "devops-sre", "engineering"),
        ("Site Reliability Engineer", "devops-sre", "engineering"), ("IT Specialist (INFOSEC)", "cybersecurity", "security"),
        ("Cybersecurity Analyst", "cybersecurity", "security"), ("Systems Administrator II", "infrastructure-operations", "it-operations"),
        ("Network Engineer", "network-engineering", "it-operations"), ("Help Desk Technician", "it-support", "it-operations"),
        ("IT Asset Manager", "it-service-management", "it-operations"), ("Data Scientist", "data-science", "data"),
        ("Data Analyst", "data-analytics", "data"), ("Data Engineer", "data-engineering", "data"),
        ("Product Manager", "product-management", "product-delivery"), ("IT Project Manager", "delivery-project-management", "product-delivery"),
        ("Business Analyst", "business-analysis", "product-delivery"), ("User Researcher", "user-research", "design-research"),
        ("UX Designer", "ux-service-design", "design-research"), ("Content Designer", "content-design", "design-research"),
        ("QA Test Analyst", "qa-testing", "engineering"), ("Enterprise Architect", "architecture", "engineering"),
        ("GIS Analyst", "gis", "data"), ("Chief Information Officer", "digital-leadership", "leadership"),
        ("IT Specialist", "it-generalist", "it-operations"),
        ("Civil Engineer", "not-digital", ""), ("Budget Analyst", "not-digital", ""), ("Police Officer", "not-digital", ""),
        ("Registered Nurse", "not-digital", ""), ("Accountant", "not-digital", ""),
    ];

    static readonly string[] states = ["MD", "VA", "DC", "PA", "NY", "CA", "TX", "WA", "CO", "IL", "GA", "NC", "OH", "MI", "MA", "OR", "MN", "AZ", "FL", "IN"];
    static readonly string[] levels = ["entry", "mid", "senior", "lead", "principal", "manager", "director"];
    static readonly string[] workplaces = ["remote", "hybrid", "on-site", "on-site"];
    static readonly string[] words = ("modernize public services build accessible web applications with agency partners data pipelines cloud " +
        "infrastructure security compliance user research service design product roadmap agile delivery stakeholders residents benefits " +
        "licensing permits transit health education open source testing automation monitoring incident response analytics dashboards").Split(' ');

    public static async Task<int> Run(string connectionString, int count)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var conn = await db.OpenConnectionAsync();
        var sources = new List<string>();
        for (var s = 0; s < 20; s++)
        {
            var state = states[s];
            var id = $"bench-{state.ToLowerInvariant()}-jobs";
            sources.Add(id);
            await using var cmd = new NpgsqlCommand("""
                with j as (
                    insert into jurisdictions (name, level, country, region) values (@name, 'state', 'US', @region)
                    on conflict (country, name) do update set region = excluded.region returning id)
                insert into sources (id, jurisdiction_id, name, platform, schedule, homepage, owner, access, terms)
                select @id, j.id, @name || ' (benchmark)', 'rss', '0 0 * * * ?', 'https://example.org/', 'bench', 'feed', 'synthetic'
                from j on conflict (id) do nothing
                """, conn);
            cmd.Parameters.AddWithValue("name", $"Benchmark State {state}");
            cmd.Parameters.AddWithValue("region", "US-" + state);
            cmd.Parameters.AddWithValue("id", id);
            await cmd.ExecuteNonQueryAsync();
        }

        var random = new Random(20261124);
        var now = DateTimeOffset.UtcNow;
        var batch = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        await using (var writer = await conn.BeginBinaryImportAsync("""
            copy jobs (source_id, external_id, url, title, organization, role_category, role_family, is_digital, seniority, region, country,
                       workplace, salary_min, salary_max, salary_period, salary_currency, salary_annual_min, salary_annual_max, posted_at,
                       closing_at, location_display, locations, description_html, description_text, content_hash, first_seen_at, last_seen_at, updated_at)
            from stdin (format binary)
            """))
        {
            for (var i = 0; i < count; i++)
            {
                var (title, category, family) = roles[random.Next(roles.Length)];
                var s = random.Next(sources.Count);
                var state = states[s];
                var min = 50_000 + random.Next(0, 90) * 1000;
                var posted = now.AddMinutes(-random.Next(0, 60 * 24 * 60));
                var text = string.Join(' ', Enumerable.Range(0, 150).Select(_ => words[random.Next(words.Length)]));
                await writer.StartRowAsync();
                await writer.WriteAsync(sources[s]);
                await writer.WriteAsync($"{batch}-{i}");
                await writer.WriteAsync($"https://example.org/jobs/{batch}-{i}");
                await writer.WriteAsync(random.Next(4) == 0 ? "Senior " + title : title);
                await writer.WriteAsync($"Department of {words[random.Next(words.Length)]} ({state})");
                await writer.WriteAsync(category);
                await writer.WriteAsync(family);
                await writer.WriteAsync(category != "not-digital");
                await writer.WriteAsync(levels[random.Next(levels.Length)]);
                await writer.WriteAsync("US-" + state);
                await writer.WriteAsync("US");
                await writer.WriteAsync(workplaces[random.Next(workplaces.Length)]);
                await writer.WriteAsync((decimal)min, NpgsqlDbType.Numeric);
                await writer.WriteAsync((decimal)(min + 30_000), NpgsqlDbType.Numeric);
                await writer.WriteAsync("year");
                await writer.WriteAsync("USD");
                await writer.WriteAsync((decimal)min, NpgsqlDbType.Numeric);
                await writer.WriteAsync((decimal)(min + 30_000), NpgsqlDbType.Numeric);
                await writer.WriteAsync(posted, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now.AddDays(random.Next(1, 45)), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync($"Capital City, {state}");
                await writer.WriteAsync($"[{{\"city\":\"Capital City\",\"region\":\"US-{state}\",\"country\":\"US\"}}]", NpgsqlDbType.Jsonb);
                await writer.WriteAsync("<p>" + text + "</p>");
                await writer.WriteAsync(text);
                await writer.WriteAsync($"{i:x32}");
                await writer.WriteAsync(posted, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(posted, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        await using (var analyze = new NpgsqlCommand("analyze jobs", conn))
            await analyze.ExecuteNonQueryAsync();
        Console.WriteLine($"loaded {count:N0} generated jobs into {sources.Count} benchmark sources");
        return 0;
    }
}
