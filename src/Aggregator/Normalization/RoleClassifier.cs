namespace Aggregator.Normalization;

// Interim series-only classifier; replaced by the full title-first classifier (branch `classifier`).
public sealed record RoleInput(string Title, IReadOnlyList<string>? SeriesCodes = null, IReadOnlyList<string>? Categories = null, string? Description = null);

public sealed record Classification(string Category, string Family, bool IsDigital, string Evidence, string Reason);

public sealed class RoleClassifier
{
    public Classification Classify(RoleInput input) =>
        input.SeriesCodes?.Contains("2210") == true
            ? new Classification("it-generalist", "it-operations", true, "series", "series 2210")
            : new Classification("not-digital", "", false, "title", "no digital evidence");
}
