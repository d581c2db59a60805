using System.IO.Pipelines;
using System.Text.Json;
using Aggregator.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aggregator.Normalization;

/// <summary>
/// POST /api/classify   classify up to 1,000 titles; each result says which evidence decided it
/// GET  /api/roles      the role taxonomy: categories (slugs are a public contract) and families
/// </summary>
public static class ClassifyApi
{
    public const int MaxItems = 1000;
    const int MaxTitleLength = 1000;
    const int MaxDescriptionLength = 20_000;
    // A posting has a handful of series or class codes and categories; these bounds leave room and stop a list of a million.
    const int MaxListValues = 20;
    const int MaxSeriesLength = 20;
    const int MaxCategoryLength = 200;

    /// <param name="Organization">The hiring agency or department, e.g. "Office of Information Technology".</param>
    /// <param name="Context">The organization type: digital-service, civic-tech or general; settles bare titles such as "Designer".</param>
    public sealed record ClassifyItem(string? Title, IReadOnlyList<string>? Series, IReadOnlyList<string>? Categories, string? Description,
        string? Organization = null, string? Context = null);

    public sealed record ClassifyResult(string Title, string Category, bool IsDigital, string Family, string Evidence, string Reason);

    public static IEndpointRouteBuilder MapClassify(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/classify", ClassifyAsync)
            .Accepts<List<ClassifyItem>>("application/json")
            .WithTags("Roles")
            .WithSummary("Classify job titles into the digital-role taxonomy")
            .WithDescription($"Takes a JSON array of up to {MaxItems} items ({{title, series?, categories?, description?, organization?, context?}}), at most {RequestLimits.MaxBodyBytes / 1024 / 1024} MB, and returns, in order, the category, whether it is digital, its family and the evidence that decided it (title, series, category, organization or description) with a reason naming the words.");
        app.MapGet("/api/roles", () => TypedResults.Ok(new
        {
            families = Taxonomy.Families,
            categories = Taxonomy.Categories,
        })).WithTags("Roles").WithSummary("The role taxonomy: every category slug, its family and description");
        return app;
    }

    static readonly JsonSerializerOptions json = new(JsonSerializerDefaults.Web);

    // The body is read here rather than bound by the framework, so a malformed one is answered with what was wrong and
    // where, and read one item at a time, so memory follows the item limit and not what a client chose to send.
    static async Task<Results<Ok<List<ClassifyResult>>, ValidationProblem, ProblemHttpResult>> ClassifyAsync(
        HttpRequest request, RoleClassifier classifier, CancellationToken ct)
    {
        // Refused before a byte of it is read: a client that sent Expect: 100-continue never sends it.
        if (request.ContentLength > RequestLimits.MaxBodyBytes)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
                detail: $"The body is {request.ContentLength:N0} bytes; at most {RequestLimits.MaxBodyBytes:N0}. Split the array.");
        var results = new List<ClassifyResult>();
        try
        {
            if (!await StartsWithArrayAsync(request.BodyReader, ct))
                return Invalid("$", "The body must be a JSON array of {title, series?, categories?, description?, organization?, context?} objects.");
            await foreach (var item in JsonSerializer.DeserializeAsyncEnumerable<ClassifyItem>(request.BodyReader.AsStream(), json, ct))
            {
                var i = results.Count;
                if (i == MaxItems)
                    return Invalid("$", $"At most {MaxItems} items per request; item {i} is one more. Split the array.");
                if (Check(i, item) is { } problem)
                    return problem;
                var c = classifier.Classify(new RoleInput(item!.Title!, item.Series, item.Categories, item.Description, item.Organization, item.Context));
                results.Add(new ClassifyResult(item.Title!, c.Category, c.IsDigital, c.Family, c.Evidence, c.Reason));
            }
        }
        catch (JsonException e)
        {
            return Invalid(e.Path ?? "$", $"The body must be a JSON array of {{title, series?, categories?, description?, organization?, context?}} objects; at {e.Path ?? "$"} (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}) it is not: {e.Message.Split(" Path:")[0]}");
        }
        return TypedResults.Ok(results);
    }

    /// <summary>
    /// Whether the first byte that is not white space opens an array, read without consuming it. The item reader
    /// would take a top-level <c>null</c> for an empty array.
    /// </summary>
    static async Task<bool> StartsWithArrayAsync(PipeReader body, CancellationToken ct)
    {
        while (true)
        {
            var read = await body.ReadAsync(ct);
            var buffer = read.Buffer;
            foreach (var segment in buffer)
            {
                foreach (var b in segment.Span)
                {
                    if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                        continue;
                    body.AdvanceTo(buffer.Start);
                    return b == (byte)'[';
                }
            }
            body.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
                return false;
        }
    }

    static ValidationProblem? Check(int i, ClassifyItem? item)
    {
        if (item is null || string.IsNullOrWhiteSpace(item.Title))
            return Invalid($"[{i}].title", $"Item {i} has no title.");
        if (item.Title.Length > MaxTitleLength)
            return Invalid($"[{i}].title", $"Item {i}: title is {item.Title.Length:N0} characters; at most {MaxTitleLength:N0}.");
        if (item.Description?.Length > MaxDescriptionLength)
            return Invalid($"[{i}].description", $"Item {i}: description is {item.Description.Length:N0} characters; at most {MaxDescriptionLength:N0}.");
        if (item.Organization?.Length > MaxTitleLength)
            return Invalid($"[{i}].organization", $"Item {i}: organization is {item.Organization.Length:N0} characters; at most {MaxTitleLength:N0}.");
        if (item.Context is not null && !Sources.OrganizationContext.All.Contains(item.Context))
            return Invalid($"[{i}].context", $"Item {i}: context must be one of {string.Join(", ", Sources.OrganizationContext.All)}; got '{item.Context}'.");
        return CheckList(i, "series", item.Series, MaxSeriesLength) ?? CheckList(i, "categories", item.Categories, MaxCategoryLength);
    }

    static ValidationProblem? CheckList(int i, string field, IReadOnlyList<string>? values, int maxLength)
    {
        if (values is null)
            return null;
        if (values.Count > MaxListValues)
            return Invalid($"[{i}].{field}", $"Item {i}: {field} has {values.Count:N0} values; at most {MaxListValues}.");
        for (var j = 0; j < values.Count; j++)
        {
            if (values[j] is null)
                return Invalid($"[{i}].{field}[{j}]", $"Item {i}: {field} value {j} is null.");
            if (values[j].Length > maxLength)
                return Invalid($"[{i}].{field}[{j}]", $"Item {i}: {field} value {j} is {values[j].Length:N0} characters; at most {maxLength}.");
        }
        return null;
    }

    static ValidationProblem Invalid(string field, string detail) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [detail] }, detail: detail, title: "Invalid classify request");
}
