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
            .WithDescription($"Takes a JSON array of up to {MaxItems} items ({{title, series?, categories?, description?, organization?, context?}}) and returns, in order, the category, whether it is digital, its family and the evidence that decided it (title, series, category, organization or description) with a reason naming the words.");
        app.MapGet("/api/roles", () => TypedResults.Ok(new
        {
            families = Taxonomy.Families,
            categories = Taxonomy.Categories,
        })).WithTags("Roles").WithSummary("The role taxonomy: every category slug, its family and description");
        return app;
    }

    static readonly System.Text.Json.JsonSerializerOptions json = new(System.Text.Json.JsonSerializerDefaults.Web);

    // The body is read here rather than bound by the framework, so a malformed one is answered with what was wrong and where.
    static async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<List<ClassifyResult>>, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>> ClassifyAsync(
        HttpRequest request, RoleClassifier classifier, CancellationToken ct)
    {
        List<ClassifyItem>? items;
        try
        {
            items = await System.Text.Json.JsonSerializer.DeserializeAsync<List<ClassifyItem>>(request.Body, json, ct);
        }
        catch (System.Text.Json.JsonException e)
        {
            return Problem($"The body must be a JSON array of {{title, series?, categories?, description?, organization?, context?}} objects; at {e.Path ?? "$"} (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}) it is not: {e.Message.Split(" Path:")[0]}");
        }
        return Classify(items, classifier);
    }

    static Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<List<ClassifyResult>>, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult> Classify(
        List<ClassifyItem>? items, RoleClassifier classifier)
    {
        if (items is null)
            return Problem("The body must be a JSON array of {title, series?, categories?, description?, organization?, context?} objects.");
        if (items.Count > MaxItems)
            return Problem($"At most {MaxItems} items per request; got {items.Count}. Split the array.");
        var results = new List<ClassifyResult>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item is null || string.IsNullOrWhiteSpace(item.Title))
                return Problem($"Item {i} has no title.");
            if (item.Title.Length > MaxTitleLength)
                return Problem($"Item {i}: title is {item.Title.Length} characters; at most {MaxTitleLength}.");
            if (item.Description?.Length > MaxDescriptionLength)
                return Problem($"Item {i}: description is {item.Description.Length} characters; at most {MaxDescriptionLength}.");
            if (item.Organization?.Length > MaxTitleLength)
                return Problem($"Item {i}: organization is {item.Organization.Length} characters; at most {MaxTitleLength}.");
            if (item.Context is not null && !Sources.OrganizationContext.All.Contains(item.Context))
                return Problem($"Item {i}: context must be one of {string.Join(", ", Sources.OrganizationContext.All)}; got '{item.Context}'.");
            var c = classifier.Classify(new RoleInput(item.Title, item.Series, item.Categories, item.Description, item.Organization, item.Context));
            results.Add(new ClassifyResult(item.Title, c.Category, c.IsDigital, c.Family, c.Evidence, c.Reason));
        }
        return TypedResults.Ok(results);
    }

    static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid classify request");
}
