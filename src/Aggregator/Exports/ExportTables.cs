namespace Aggregator.Exports;

/// <summary>How a column is typed: PostgreSQL bigint, integer, text, boolean, timestamptz, numeric(14,2) or double precision, and the Parquet types for them.</summary>
public enum ExportType { BigInt, Count, Text, Boolean, Timestamp, Money, Real }

/// <param name="Sql">The select expression (over the table's <c>from</c>); both formats read the same expressions.</param>
public sealed record ExportColumn(string Name, ExportType Type, string Sql);

/// <param name="From">The rows, over <c>export_jobs</c> (the selected job ids) where the table follows the selection.</param>
/// <param name="OrderBy">The file's order: the Parquet row groups are ranges of it.</param>
public sealed record ExportTable(string Name, IReadOnlyList<ExportColumn> Columns, string From, string OrderBy)
{
    public string Select => $"select {string.Join(", ", Columns.Select(c => $"{c.Sql} as {c.Name}"))} {From} order by {OrderBy}";
}

/// <summary>
/// The four exported tables and their columns. docs/research-data.md defines every column (a test holds it to this
/// list); <see cref="SchemaVersion"/> moves whenever a column is added, removed or changes meaning.
/// </summary>
public static class ExportTables
{
    /// <summary>1: the first export; 2: jobs gained <c>open_to_public</c>.</summary>
    public const int SchemaVersion = 2;

    const string PostingDate = "coalesce(j.posted_at, j.first_seen_at)";
    const string Jobs = "from export_jobs e join jobs j on j.id = e.id";

    static ExportColumn C(string name, ExportType type, string? sql = null) => new(name, type, sql ?? $"j.{name}");

    public static readonly ExportTable JobsTable = new("jobs",
    [
        C("id", ExportType.BigInt), C("source_id", ExportType.Text), C("external_id", ExportType.Text), C("url", ExportType.Text),
        C("title", ExportType.Text), C("organization", ExportType.Text), C("department", ExportType.Text),
        C("role_category", ExportType.Text), C("role_family", ExportType.Text), C("is_digital", ExportType.Boolean), C("role_evidence", ExportType.Text),
        C("seniority", ExportType.Text), C("pay_plan", ExportType.Text), C("grade_low", ExportType.Text), C("grade_high", ExportType.Text),
        // Lists as JSON arrays of strings: one portable text column, read by any CSV reader and by DuckDB's json functions.
        C("series_codes", ExportType.Text, "to_jsonb(j.series_codes)::text"), C("source_categories", ExportType.Text, "to_jsonb(j.source_categories)::text"),
        C("location_display", ExportType.Text), C("region", ExportType.Text), C("country", ExportType.Text), C("workplace", ExportType.Text),
        C("telework_eligible", ExportType.Boolean),
        C("salary_min", ExportType.Money), C("salary_max", ExportType.Money), C("salary_period", ExportType.Text), C("salary_currency", ExportType.Text),
        C("salary_text", ExportType.Text), C("salary_annual_min", ExportType.Money), C("salary_annual_max", ExportType.Money),
        C("salary_method", ExportType.Text), C("salary_flag", ExportType.Text),
        C("employment_type", ExportType.Text), C("may_close_early", ExportType.Boolean),
        C("open_to_public", ExportType.Boolean),
        C("posted_at", ExportType.Timestamp), C("posting_date", ExportType.Timestamp, PostingDate),
        C("closing_at", ExportType.Timestamp), C("closing_kind", ExportType.Text),
        C("first_seen_at", ExportType.Timestamp), C("last_seen_at", ExportType.Timestamp), C("updated_at", ExportType.Timestamp),
        C("closed_at", ExportType.Timestamp), C("close_reason", ExportType.Text),
        C("dedup_group", ExportType.BigInt), C("opening_id", ExportType.BigInt, "coalesce(j.dedup_group, j.id)"),
        C("reopenings", ExportType.Count,
            "(select count(*)::int from job_changes r where r.job_id = j.id and r.field = 'closed_at' and r.new_value is null)"),
    ], Jobs, $"{PostingDate}, j.id");

    public static readonly ExportTable Locations = new("locations",
    [
        C("job_id", ExportType.BigInt, "j.id"), C("position", ExportType.Count, "l.position::int"),
        C("city", ExportType.Text, "l.value->>'city'"), C("region", ExportType.Text, "l.value->>'region'"),
        C("country", ExportType.Text, "l.value->>'country'"),
        C("latitude", ExportType.Real, "(l.value->>'latitude')::float8"), C("longitude", ExportType.Real, "(l.value->>'longitude')::float8"),
        C("text", ExportType.Text, "l.value->>'text'"),
        C("posting_date", ExportType.Timestamp, PostingDate),
    ], $"{Jobs} cross join lateral jsonb_array_elements(j.locations) with ordinality as l(value, position)", $"{PostingDate}, j.id, l.position");

    public static readonly ExportTable Changes = new("changes",
    [
        C("id", ExportType.BigInt, "c.id"), C("job_id", ExportType.BigInt, "c.job_id"), C("changed_at", ExportType.Timestamp, "c.changed_at"),
        C("kind", ExportType.Text, Postings.ChangeKinds.Sql("c")), C("field", ExportType.Text, "c.field"),
        C("old_value", ExportType.Text, "c.old_value"), C("new_value", ExportType.Text, "c.new_value"), C("reason", ExportType.Text, "c.reason"),
    ], "from export_jobs e join job_changes c on c.job_id = e.id", "c.changed_at, c.id");

    public static readonly ExportTable Sources = new("sources",
    [
        C("id", ExportType.Text, "s.id"), C("name", ExportType.Text, "s.name"), C("platform", ExportType.Text, "s.platform"),
        C("homepage", ExportType.Text, "s.homepage"), C("enabled", ExportType.Boolean, "s.enabled"),
        C("jurisdiction_id", ExportType.BigInt, "g.id"), C("jurisdiction", ExportType.Text, "g.name"), C("jurisdiction_level", ExportType.Text, "g.level"),
        C("jurisdiction_country", ExportType.Text, "g.country"), C("jurisdiction_region", ExportType.Text, "g.region"),
        C("last_success_at", ExportType.Timestamp, "s.last_success_at"),
    ], "from sources s join jurisdictions g on g.id = s.jurisdiction_id", "s.id");

    public static readonly IReadOnlyList<ExportTable> All = [JobsTable, Locations, Changes, Sources];

    public static ExportTable? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
