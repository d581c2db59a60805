using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Sources.Adapters;
using Npgsql;
using NpgsqlTypes;

/// <summary>
/// Loads a realistic history of N jobs (a million by default in bench/million.sh) with COPY: two years of postings of
/// which about a tenth are open, from ~380 sources over ~3,400 jurisdictions (<see cref="World"/>) sized with a heavy
/// skew, with multi-location announcements, cross-posted duplicate groups, salaries in every period, every role of the
/// taxonomy and a change history (edits, extensions, closings, reopenings) in job_changes. Deterministic for a seed:
/// times are relative to the load's hour, everything else the same from run to run.
/// </summary>
static class JobGenerator
{
    const string ExtraColumns = "jurisdiction_id, closed_at, close_reason, dedup_group";

    public static async Task<int> Run(string connectionString, int count, int seed)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        now = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        // No timeout: finishing a COPY of a million rows, rebuilding indexes and vacuuming each take minutes (a million
        // jobs on a loaded machine failed at the default 30 s).
        await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await using var conn = await db.OpenConnectionAsync();
        if (await ScalarAsync<long>(conn, "select count(*) from jobs") > 0)
        {
            Console.Error.WriteLine("generate loads into a database without jobs (job ids are assigned in load order)");
            return 2;
        }
        var world = new World(random, await ScalarAsync<long>(conn, "select coalesce(max(id), 0) + 1 from jurisdictions"));
        await LoadWorldAsync(conn, world);

        var firstId = await ScalarAsync<long?>(conn, "select pg_sequence_last_value(pg_get_serial_sequence('jobs', 'id')::regclass)") is { } last ? last + 1 : 1;
        var indexes = await DropIndexesAsync(conn);
        var jobs = new Postings(world, random, now);
        var changes = new List<(long JobId, DateTimeOffset At, string Field, string? Old, string? New, string? Reason)>();
        long written = 0, open = 0, grouped = 0;
        await using (var writer = await conn.BeginBinaryImportAsync($"copy jobs ({JobCopy.Columns}, {ExtraColumns}) from stdin (format binary)"))
        {
            foreach (var row in jobs.Generate(count))
            {
                var id = firstId + written++;
                var group = row.TwinOf is { } twin ? firstId + twin : row.HasTwin ? id : (long?)null;
                await writer.StartRowAsync();
                await JobCopy.WriteAsync(writer, row.Job, default);
                await writer.WriteAsync(row.Feed.Jurisdiction.Id, NpgsqlDbType.Bigint);
                await JobCopy.Instant(writer, row.ClosedAt, default);
                await JobCopy.Text(writer, row.CloseReason, default);
                await JobCopy.Value(writer, group, NpgsqlDbType.Bigint, default);
                open += row.ClosedAt is null ? 1 : 0;
                grouped += group is null ? 0 : 1;
                changes.AddRange(row.Changes.Select(c => (id, c.At, c.Field, c.Old, c.New, c.Reason)));
            }
            await writer.CompleteAsync();
        }
        var lastId = await ScalarAsync<long>(conn, "select max(id) from jobs");
        if (lastId != firstId + written - 1)
            throw new InvalidOperationException($"jobs got ids up to {lastId}, expected {firstId + written - 1}: duplicate groups and changes would point at the wrong rows");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"copied {written:N0} jobs ({open:N0} open, {grouped:N0} in duplicate groups) in {clock.Elapsed.TotalSeconds:0}s"));

        await using (var writer = await conn.BeginBinaryImportAsync("copy job_changes (job_id, changed_at, field, old_value, new_value, reason) from stdin (format binary)"))
        {
            foreach (var c in changes.OrderBy(c => c.At))
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(c.JobId, NpgsqlDbType.Bigint);
                await JobCopy.Instant(writer, c.At, default);
                await JobCopy.Text(writer, c.Field, default);
                await JobCopy.Text(writer, c.Old, default);
                await JobCopy.Text(writer, c.New, default);
                await JobCopy.Text(writer, c.Reason, default);
            }
            await writer.CompleteAsync();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"copied {changes.Count:N0} job changes in {clock.Elapsed.TotalSeconds:0}s"));

        foreach (var definition in indexes)
            await ExecuteAsync(conn, definition);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rebuilt {indexes.Count} indexes in {clock.Elapsed.TotalSeconds:0}s"));
        // What autovacuum would do soon after: statistics for the planner, and the visibility map for index-only scans.
        await ExecuteAsync(conn, "vacuum (analyze) jobs");
        await ExecuteAsync(conn, "analyze job_changes, jurisdictions, sources");
        await ExecuteAsync(conn, "update jobs_version set version = version + 1, changed_at = now()");
        // The generated labels stand for this build's classifier: without this, serve would relabel every job at start-up.
        await using (var state = new NpgsqlCommand("""
            insert into classifier_state (id, version, reclassified_at) values (true, @version, now())
            on conflict (id) do update set version = excluded.version, reclassified_at = excluded.reclassified_at
            """, conn))
        {
            state.Parameters.AddWithValue("version", RoleClassifier.Shared.Version);
            await state.ExecuteNonQueryAsync();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loaded {written:N0} jobs ({open:N0} open) from {world.Feeds.Count} sources in {world.Places.Count:N0} jurisdictions, seed {seed}, in {clock.Elapsed.TotalSeconds:0}s"));
        return 0;
    }

    static async Task LoadWorldAsync(NpgsqlConnection conn, World world)
    {
        var places = world.Places;
        await using (var insert = new NpgsqlCommand("""
            insert into jurisdictions (id, name, level, country, region, parent_id) overriding system value
            select * from unnest(@ids, @names, @levels, @countries, @regions, @parents)
            """, conn))
        {
            insert.Parameters.AddWithValue("ids", places.Select(p => p.Id).ToArray());
            insert.Parameters.AddWithValue("names", places.Select(p => p.Name).ToArray());
            insert.Parameters.AddWithValue("levels", places.Select(p => p.Level).ToArray());
            insert.Parameters.AddWithValue("countries", places.Select(p => p.Country).ToArray());
            insert.Parameters.AddWithValue("regions", places.Select(p => p.Region).ToArray());
            insert.Parameters.AddWithValue("parents", places.Select(p => p.ParentId).ToArray());
            await insert.ExecuteNonQueryAsync();
        }
        await ExecuteAsync(conn, "select setval(pg_get_serial_sequence('jurisdictions', 'id'), (select max(id) from jurisdictions))");
        await using var sources = new NpgsqlCommand("""
            insert into sources (id, jurisdiction_id, name, platform, schedule, homepage, owner, access, terms)
            select id, jurisdiction, name, platform, '0 0 */6 * * ?', 'https://example.org/careers', 'bench', 'api', 'generated for benchmarks'
            from unnest(@ids, @jurisdictions, @names, @platforms) as s(id, jurisdiction, name, platform)
            """, conn);
        sources.Parameters.AddWithValue("ids", world.Feeds.Select(f => f.Id).ToArray());
        sources.Parameters.AddWithValue("jurisdictions", world.Feeds.Select(f => f.Jurisdiction.Id).ToArray());
        sources.Parameters.AddWithValue("names", world.Feeds.Select(f => f.Name).ToArray());
        sources.Parameters.AddWithValue("platforms", world.Feeds.Select(f => f.Platform).ToArray());
        await sources.ExecuteNonQueryAsync();
    }

    /// <summary>Drops the secondary indexes of jobs for the load and returns their definitions: building them once after
    /// COPY is several times faster than maintaining them row by row. Constraint indexes stay.</summary>
    static async Task<List<string>> DropIndexesAsync(NpgsqlConnection conn)
    {
        var indexes = new List<(string Name, string Definition)>();
        await using (var read = new NpgsqlCommand("""
            select quote_ident(indexname), indexdef from pg_indexes
            where schemaname = 'public' and tablename = 'jobs'
              and indexname not in (select conname from pg_constraint where conrelid = 'jobs'::regclass)
            """, conn))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                indexes.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (name, _) in indexes)
            await ExecuteAsync(conn, $"drop index {name}");
        await ExecuteAsync(conn, "set maintenance_work_mem = '512MB'");
        return [.. indexes.Select(i => i.Definition)];
    }

    static async Task ExecuteAsync(NpgsqlConnection conn, string sql)
    {
        await using var command = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql)
    {
        await using var command = new NpgsqlCommand(sql, conn);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)value;
    }
}

/// <summary>One generated row: the job as stored, its lifecycle, and its history.</summary>
sealed record Row(Job Job, Feed Feed, DateTimeOffset? ClosedAt, string? CloseReason, bool HasTwin, long? TwinOf, List<Change> Changes);

sealed record Change(DateTimeOffset At, string Field, string? Old, string? New, string? Reason = null);

/// <summary>The postings themselves, in the order they were first seen.</summary>
sealed class Postings(World world, Random random, DateTimeOffset now)
{
    static readonly TimeSpan History = TimeSpan.FromDays(730);
    long serial;
    readonly Dictionary<string, string[]> citiesByRegion = world.Places.Where(p => p.City is not null && p.Region is not null)
        .GroupBy(p => p.Region!).ToDictionary(g => g.Key, g => g.Select(p => p.City!).ToArray(), StringComparer.Ordinal);
    readonly Feed usajobs = world.Feeds.Single(f => f.Id == "bench-us-federal-usajobs");
    readonly double[] cumulative = Cumulative(world.Feeds.Select(f => f.Weight));
    readonly double[] digitalCumulative = Cumulative(Vocabulary.Digital.Select(d => d.Weight));
    readonly double[] stateCumulative = Cumulative(World.States.Select(s => s.Population));
    readonly double[] provinceCumulative = Cumulative(World.Provinces.Select(s => s.Population));
    readonly double[] nationCumulative = Cumulative(World.Nations.Select(s => s.Population));

    static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        var list = weights.Select(w => sum += w).ToArray();
        return [.. list.Select(v => v / sum)];
    }

    static int Pick(double[] cumulative, double u)
    {
        var i = Array.BinarySearch(cumulative, u);
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }

    T One<T>(T[] items) => items[random.Next(items.Length)];

    public IEnumerable<Row> Generate(int count)
    {
        long index = 0;
        var start = now - History;
        while (index < count)
        {
            // More postings lately than two years ago: the boards grow.
            var u = (index + random.NextDouble()) / count;
            var firstSeen = start + History * Math.Pow(u, 0.85);
            var row = Posting(world.Feeds[Pick(cumulative, random.NextDouble())], firstSeen);
            var twin = index + 1 < count ? Twin(row) : null;
            yield return row with { HasTwin = twin is not null };
            index++;
            if (twin is not null)
            {
                yield return twin with { TwinOf = index - 1 };
                index++;
            }
        }
    }

    /// <summary>
    /// The same announcement elsewhere: an agency's own board cross-posts to USAJOBS (same title, grades, closing day,
    /// pay and places, so the same dedup key), and a digital-series search finds an announcement the full board lists
    /// too (the same URL).
    /// </summary>
    Row? Twin(Row row)
    {
        var job = row.Job;
        if (row.Feed.Kind == "agency" && job.DedupKey is not null && random.NextDouble() < 0.3)
            return row with
            {
                Feed = usajobs,
                Job = job with { SourceId = usajobs.Id, ExternalId = "X" + job.ExternalId, Url = $"https://www.usajobs.gov/job/{job.ExternalId[1..]}", ContentHash = Hash() },
                Changes = [.. row.Changes],
            };
        if (row.Feed.Kind == "federal-digital" && random.NextDouble() < 0.5)
            return row with { Feed = usajobs, Job = job with { SourceId = usajobs.Id }, Changes = [.. row.Changes] };
        return null;
    }

    string Hash() => Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64()));

    Row Posting(Feed feed, DateTimeOffset firstSeen)
    {
        var place = feed.Jurisdiction;
        var federal = feed.Kind is "federal" or "federal-digital" or "agency";
        var digital = random.NextDouble() < feed.Digital;
        string category, title;
        if (digital)
        {
            var (slug, _, titles) = Vocabulary.Digital[Pick(digitalCumulative, random.NextDouble())];
            (category, title) = (slug, One(titles));
        }
        else
        {
            (category, title) = (Taxonomy.NotDigital, One(Vocabulary.NotDigital));
        }
        var family = Taxonomy.Get(category).Family;
        var decoration = random.Next(100);
        title = decoration switch
        {
            < 18 => "Senior " + title,
            < 24 => "Lead " + title,
            < 27 => "Principal " + title,
            < 30 => "Supervisory " + title,
            < 40 => title + " II",
            < 46 => title + " III",
            < 52 => title + " I",
            _ => title,
        };
        string? payPlan = null, low = null, high = null;
        string[] series = [];
        if (federal)
        {
            payPlan = "GS";
            var grade = One([5, 7, 9, 11, 12, 13, 13, 14, 15]);
            (low, high) = (grade.ToString("00", CultureInfo.InvariantCulture), Math.Min(15, grade + One([0, 0, 2, 4])).ToString("00", CultureInfo.InvariantCulture));
            series = digital ? [One(["2210", "1550", "1560", "0854", "1530"])] : [One(["0343", "0501", "0810", "1102", "0201", "1811", "0610"])];
        }
        var seniority = Seniority.Parse(title, payPlan, low, high).Level is var level && level != SeniorityLevel.Unknown
            ? level.ToString().ToLowerInvariant() : null;

        var (organization, department) = feed.Kind switch
        {
            "federal" or "federal-digital" => (One(World.Agencies), (string?)null),
            "agency" => (place.Name, null),
            "org" => (place.Name, One(["Engineering", "Product", "Design", "Data", "Operations"])),
            _ => (place.Name, One(Vocabulary.Departments)),
        };

        var country = place.Country;
        var locations = Locations(feed, country);
        var regions = locations.Select(l => l.Region).Distinct().ToList();
        var workplace = random.Next(100) switch
        {
            < 5 => null,
            var w when w < (feed.Kind == "org" ? 65 : federal ? 14 : 8) => "remote",
            var w when w < (feed.Kind == "org" ? 85 : 30) => "hybrid",
            _ => "on-site",
        };
        var display = locations.Count switch
        {
            1 => locations[0].Text,
            <= 3 => string.Join("; ", locations.Select(l => l.Text)),
            _ => $"{string.Join("; ", locations.Take(3).Select(l => l.Text))} and {locations.Count - 3} more",
        };
        if (workplace == "remote" && random.Next(2) == 0)
            display = country == "US" ? "Anywhere in the U.S. (remote job)" : "Remote";

        var salary = Salary(feed, digital, seniority, federal, country);
        var posted = random.Next(25) == 0 ? (DateTimeOffset?)null : firstSeen - TimeSpan.FromHours(random.Next(0, 72));
        var kind = random.Next(100) switch { < 78 => "date", < 92 => "continuous", _ => "until-filled" };
        DateTimeOffset? closing = kind == "date"
            ? new DateTimeOffset((posted ?? firstSeen).UtcDateTime.Date.AddDays(random.Next(10, 46)).AddHours(4).AddMinutes(59).AddSeconds(59), TimeSpan.Zero)
            : null;
        var lifetime = kind switch
        {
            "date" => closing!.Value - firstSeen + TimeSpan.FromHours(random.Next(0, 48)),
            "continuous" => TimeSpan.FromDays(30 + random.Next(0, 510)),
            _ => TimeSpan.FromDays(20 + random.Next(0, 180)),
        };
        if (lifetime < TimeSpan.FromDays(1))
            lifetime = TimeSpan.FromDays(1);
        var ends = firstSeen + lifetime;
        var closed = ends < now ? ends : (DateTimeOffset?)null;
        var lastSeen = closed is { } c ? c - TimeSpan.FromHours(24 + random.Next(0, 24)) : now - TimeSpan.FromMinutes(random.Next(0, 360));
        if (lastSeen < firstSeen)
            lastSeen = firstSeen;

        // Unique within every source: a serial number, as boards number their postings.
        var externalId = (federal ? "F" : "J") + (10_000_000 + serial++).ToString(CultureInfo.InvariantCulture);
        var (html, text) = Description(title, organization, display, family, feed, country);
        var job = new Job
        {
            SourceId = feed.Id,
            ExternalId = externalId,
            Url = $"https://{feed.Id[6..]}.example.org/jobs/{externalId}",
            Title = title,
            Organization = organization,
            Department = department,
            RoleCategory = category,
            RoleFamily = family,
            IsDigital = digital,
            RoleEvidence = "title: generated",
            Seniority = seniority,
            PayPlan = payPlan,
            GradeLow = low,
            GradeHigh = high,
            SeriesCodes = series,
            SourceCategories = [department ?? family],
            Locations = "[" + string.Join(",", locations.Select(l => $$"""{"city":"{{l.City}}","region":"{{l.Region}}","country":"{{country}}","text":"{{l.Text}}"}""")) + "]",
            LocationDisplay = display,
            Region = regions.Count == 1 ? regions[0] : null,
            Country = country,
            Workplace = workplace,
            TeleworkEligible = federal ? random.Next(2) == 0 : null,
            SalaryMin = salary.Min,
            SalaryMax = salary.Max,
            SalaryPeriod = salary.Period,
            SalaryCurrency = salary.Currency,
            SalaryText = salary.Text,
            SalaryAnnualMin = salary.AnnualMin,
            SalaryAnnualMax = salary.AnnualMax,
            SalaryMethod = salary.Method,
            SalaryFlag = salary.Flag,
            EmploymentType = One(["Full-time", "Full-time", "Full-time", "Full-time", "Part-time", "Temporary", "Permanent", "Seasonal"]),
            MayCloseEarly = federal && random.Next(5) == 0,
            PostedAt = posted,
            ClosingAt = closing,
            ClosingKind = kind,
            DescriptionHtml = html,
            DescriptionText = text,
            ContentHash = Hash(),
            FirstSeenAt = firstSeen,
            LastSeenAt = lastSeen,
            UpdatedAt = firstSeen,
        };
        var changes = History_(job, closed, lifetime, out var updated, out var reason);
        job = job with
        {
            UpdatedAt = updated,
            DedupKey = closing is { } day && job.Organization is { } org
                ? string.Join('|', Key(title), Key(org), $"{low}-{high}", day.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), workplace,
                    string.Create(CultureInfo.InvariantCulture, $"{salary.AnnualMin:0}-{salary.AnnualMax:0}"), string.Join(',', regions.Order(StringComparer.Ordinal)))
                : null,
        };
        return new Row(job, feed, closed, reason, false, null, changes);
    }

    static string Key(string text) => string.Join(' ', text.ToLowerInvariant().Split(
        text.Where(ch => !char.IsAsciiLetterOrDigit(ch)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries));

    sealed record Location(string City, string Region, string Text);

    List<Location> Locations(Feed feed, string country)
    {
        var count = random.Next(100) < 6 ? random.Next(2, 9) : 1;
        var list = new List<Location>();
        for (var i = 0; i < count; i++)
        {
            var region = feed.Jurisdiction.Region is { } own && (i == 0 || random.Next(3) > 0) ? own : country switch
            {
                "CA" => "CA-" + World.Provinces[Pick(provinceCumulative, random.NextDouble())].Code,
                "GB" => "GB-" + World.Nations[Pick(nationCumulative, random.NextDouble())].Code,
                _ => "US-" + World.States[Pick(stateCumulative, random.NextDouble())].Code,
            };
            var city = i == 0 && feed.Jurisdiction.City is { } seat ? seat
                : citiesByRegion.TryGetValue(region, out var cities) ? One(cities) : "Capital City";
            if (list.All(l => l.City != city || l.Region != region))
                list.Add(new Location(city, region, $"{city}, {region[3..]}"));
        }
        return list;
    }

    NormalizedSalary Salary(Feed feed, bool digital, string? seniority, bool federal, string country)
    {
        if (random.Next(100) < 7)
            return SalaryNormalizer.Normalize(null, federal);
        var annual = (digital ? 72_000 : 48_000) * seniority switch
        {
            "entry" => 0.75, "senior" => 1.3, "lead" or "principal" => 1.5, "manager" => 1.45, "director" or "executive" => 1.9, _ => 1.0,
        } * (0.85 + random.NextDouble() * 0.3) * (country == "GB" ? 0.55 : 1.0);
        var period = (feed.Kind, random.Next(100)) switch
        {
            ("federal" or "federal-digital" or "agency", < 90) => SalaryPeriod.Year,
            ("federal" or "federal-digital" or "agency", _) => SalaryPeriod.Hour,
            ("org", _) => SalaryPeriod.Year,
            ("state", var r) => r < 50 ? SalaryPeriod.Year : r < 70 ? SalaryPeriod.Month : r < 80 ? SalaryPeriod.Biweekly : SalaryPeriod.Hour,
            ("national", var r) when country == "GB" => r < 92 ? SalaryPeriod.Year : SalaryPeriod.Day,
            ("national", var r) => r < 80 ? SalaryPeriod.Year : SalaryPeriod.Hour,
            (_, var r) => r < 40 ? SalaryPeriod.Year : r < 75 ? SalaryPeriod.Hour : r < 90 ? SalaryPeriod.Biweekly : r < 95 ? SalaryPeriod.SemiMonthly : SalaryPeriod.Month,
        };
        var divisor = period switch
        {
            SalaryPeriod.Hour => 2080m, SalaryPeriod.Day => 260m, SalaryPeriod.Week => 52m, SalaryPeriod.Biweekly => 26m,
            SalaryPeriod.SemiMonthly => 24m, SalaryPeriod.Month => 12m, _ => 1m,
        };
        var min = Math.Round((decimal)annual / divisor, divisor == 1m ? 0 : 2);
        var max = Math.Round(min * (decimal)(1.15 + random.NextDouble() * 0.35), divisor == 1m ? 0 : 2);
        // A source error now and then: an hourly rate in an annual field.
        if (random.Next(200) == 0)
            (min, max, period) = (Math.Round(min / 2080m, 2), Math.Round(max / 2080m, 2), SalaryPeriod.Year);
        var currency = country switch { "CA" => "CAD", "GB" => "GBP", _ => "USD" };
        var symbol = country == "GB" ? "£" : "$";
        var text = string.Create(CultureInfo.InvariantCulture, $"{symbol}{min:N2} - {symbol}{max:N2} {SalaryNormalizer.Slug(period)}");
        return SalaryNormalizer.Normalize(new RawSalary(min, max, period, currency) { Text = text }, federal && country == "US");
    }

    (string Html, string Text) Description(string title, string organization, string display, string family, Feed feed, string country)
    {
        var duties = Vocabulary.Duties[family];
        var picked = Enumerable.Range(0, random.Next(3, 7)).Select(_ => One(duties)).Distinct().ToList();
        var qualifications = Enumerable.Range(0, random.Next(2, 5)).Select(_ => One(Vocabulary.Qualifications)).Distinct().ToList();
        var boilerplate = Vocabulary.Boilerplate[country switch
        {
            "CA" => "ca", "GB" => "gb", _ => feed.Kind switch { "federal" or "federal-digital" or "agency" => "federal", "state" => "state", "org" => "org", _ => "local" },
        }];
        var intro = $"{organization} is hiring a {title} in {display}. Join a team that serves the public every day.";
        var html = new StringBuilder(2400);
        html.Append("<p>").Append(intro).Append("</p><h2>Duties</h2><ul>");
        foreach (var d in picked)
            html.Append("<li>").Append(d).Append("</li>");
        html.Append("</ul><h2>Qualifications</h2><ul>");
        foreach (var q in qualifications)
            html.Append("<li>").Append(q).Append("</li>");
        html.Append("</ul><p>").Append(boilerplate).Append("</p>");
        var text = string.Join('\n', [intro, "Duties", .. picked, "Qualifications", .. qualifications, boilerplate]);
        return (html.ToString(), text);
    }

    /// <summary>What researchers find in job_changes: pay edits, closing-date extensions, retitles, reworded descriptions, closings and reopenings.</summary>
    List<Change> History_(Job job, DateTimeOffset? closed, TimeSpan lifetime, out DateTimeOffset updated, out string? reason)
    {
        var changes = new List<Change>();
        updated = job.FirstSeenAt;
        var span = Math.Max(1, (int)Math.Min(lifetime.TotalHours, (now - job.FirstSeenAt).TotalHours));
        DateTimeOffset At() => job.FirstSeenAt + TimeSpan.FromHours(random.Next(1, span + 1));
        if (job.SalaryMax is { } max && random.Next(100) < 12)
        {
            var at = At();
            changes.Add(new Change(at, "salary_max", (max * 0.95m).ToString("0.00", CultureInfo.InvariantCulture), max.ToString("0.00", CultureInfo.InvariantCulture)));
            updated = at > updated ? at : updated;
        }
        if (job.ClosingAt is { } closing && random.Next(100) < 10)
        {
            var at = At();
            changes.Add(new Change(at, "closing_at", (closing - TimeSpan.FromDays(7)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                closing.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
            updated = at > updated ? at : updated;
        }
        if (random.Next(100) < 3)
        {
            var at = At();
            changes.Add(new Change(at, "title", job.Title + " (Re-advertised)", job.Title));
            updated = at > updated ? at : updated;
        }
        if (random.Next(100) < 8)
        {
            var at = At();
            changes.Add(new Change(at, "description", "sha256:" + Hash()[..16], "sha256:" + Hash()[..16]));
            updated = at > updated ? at : updated;
        }
        reason = null;
        // A job that vanished, closed, and was listed again a few days later.
        if (random.Next(100) < 2 && lifetime > TimeSpan.FromDays(10))
        {
            var gone = At();
            var back = gone + TimeSpan.FromDays(2);
            if (back < (closed ?? now))
            {
                var stamp = gone.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                changes.Add(new Change(gone, "closed_at", null, stamp, $"missing from 2 complete runs since {stamp}; last seen {stamp}"));
                changes.Add(new Change(back, "closed_at", stamp, null));
            }
        }
        if (closed is { } at2)
        {
            var stamp = at2.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            reason = job.ClosingAt is { } closingAt && closingAt <= at2
                ? "closing date passed and missing from a complete run"
                : $"missing from 2 complete runs since {(at2 - TimeSpan.FromHours(6)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}; last seen {job.LastSeenAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}";
            changes.Add(new Change(at2, "closed_at", null, stamp, reason));
        }
        return changes;
    }
}
