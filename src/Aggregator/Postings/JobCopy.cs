using Npgsql;
using NpgsqlTypes;

namespace Aggregator.Postings;

/// <summary>
/// A job's stored columns in COPY's binary format: how <see cref="JobStore"/> writes a run's jobs in bulk, and what the
/// benchmarks load, so both write exactly the same rows. Generated columns (search vectors, sort keys, places) are
/// PostgreSQL's to compute.
/// </summary>
public static class JobCopy
{
    public const string Columns = """
        source_id, external_id, url, title, organization, department, role_category, role_family, is_digital, role_evidence,
        seniority, pay_plan, grade_low, grade_high, series_codes, source_categories, locations, location_display, region, country,
        workplace, telework_eligible, salary_min, salary_max, salary_period, salary_currency, salary_text, salary_annual_min,
        salary_annual_max, salary_method, salary_flag, employment_type, status, may_close_early, open_to_public, posted_at, closing_at, closing_kind,
        description_html, description_text, content_hash, dedup_key, first_seen_at, last_seen_at, updated_at, source_hash
        """;

    /// <summary>The columns of <see cref="Columns"/>, one by one.</summary>
    public static readonly string[] Names = [.. Columns.Split(',', StringSplitOptions.TrimEntries)];

    /// <summary>Writes <see cref="Columns"/> of one job, in that order, into the current row.</summary>
    public static async Task WriteAsync(NpgsqlBinaryImporter w, Job j, CancellationToken ct)
    {
        await Text(w, j.SourceId, ct);
        await Text(w, j.ExternalId, ct);
        await Text(w, j.Url, ct);
        await Text(w, j.Title, ct);
        await Text(w, j.Organization, ct);
        await Text(w, j.Department, ct);
        await Text(w, j.RoleCategory, ct);
        await Text(w, j.RoleFamily, ct);
        await w.WriteAsync(j.IsDigital, NpgsqlDbType.Boolean, ct);
        await Text(w, j.RoleEvidence, ct);
        await Text(w, j.Seniority, ct);
        await Text(w, j.PayPlan, ct);
        await Text(w, j.GradeLow, ct);
        await Text(w, j.GradeHigh, ct);
        await w.WriteAsync(j.SeriesCodes, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await w.WriteAsync(j.SourceCategories, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await w.WriteAsync(j.Locations, NpgsqlDbType.Jsonb, ct);
        await Text(w, j.LocationDisplay, ct);
        await Text(w, j.Region, ct);
        await Text(w, j.Country, ct);
        await Text(w, j.Workplace, ct);
        await Value(w, j.TeleworkEligible, NpgsqlDbType.Boolean, ct);
        await Value(w, j.SalaryMin, NpgsqlDbType.Numeric, ct);
        await Value(w, j.SalaryMax, NpgsqlDbType.Numeric, ct);
        await Text(w, j.SalaryPeriod, ct);
        await Text(w, j.SalaryCurrency, ct);
        await Text(w, j.SalaryText, ct);
        await Value(w, j.SalaryAnnualMin, NpgsqlDbType.Numeric, ct);
        await Value(w, j.SalaryAnnualMax, NpgsqlDbType.Numeric, ct);
        await Text(w, j.SalaryMethod, ct);
        await Text(w, j.SalaryFlag, ct);
        await Text(w, j.EmploymentType, ct);
        await Text(w, j.Status, ct);
        await w.WriteAsync(j.MayCloseEarly, NpgsqlDbType.Boolean, ct);
        await Value(w, j.OpenToPublic, NpgsqlDbType.Boolean, ct);
        await Instant(w, j.PostedAt, ct);
        await Instant(w, j.ClosingAt, ct);
        await Text(w, j.ClosingKind, ct);
        await Text(w, j.DescriptionHtml, ct);
        await Text(w, j.DescriptionText, ct);
        await Text(w, j.ContentHash, ct);
        await Text(w, j.DedupKey, ct);
        await Instant(w, j.FirstSeenAt, ct);
        await Instant(w, j.LastSeenAt, ct);
        await Instant(w, j.UpdatedAt, ct);
        await Text(w, j.SourceHash, ct);
    }

    public static Task Text(NpgsqlBinaryImporter w, string? value, CancellationToken ct) =>
        value is null ? w.WriteNullAsync(ct) : w.WriteAsync(value, NpgsqlDbType.Text, ct);

    public static Task Value<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? w.WriteAsync(v, type, ct) : w.WriteNullAsync(ct);

    /// <summary>Npgsql writes timestamptz only from UTC offsets.</summary>
    public static Task Instant(NpgsqlBinaryImporter w, DateTimeOffset? value, CancellationToken ct) =>
        value is { } v ? w.WriteAsync(v.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct) : w.WriteNullAsync(ct);
}
