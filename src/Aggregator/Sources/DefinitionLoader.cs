using System.Text.RegularExpressions;
using Aggregator.Postings;
using Aggregator.Sources.Adapters;
using Quartz;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Aggregator.Sources;

public sealed record DefinitionError(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

public sealed record DefinitionSet(IReadOnlyList<SourceDefinition> Definitions, IReadOnlyList<DefinitionError> Errors)
{
    public SourceDefinition? Find(string id) => Definitions.FirstOrDefault(d => d.Id == id);
}

/// <summary>
/// Loads and validates <c>scrapers/*.yml</c>. Every problem is reported with its file and line; one bad
/// file never stops the others from loading.
/// </summary>
public static partial class DefinitionLoader
{
    static readonly IDeserializer deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithEnforceRequiredMembers()
        .Build();

    static readonly string[] accessKinds = ["api", "feed", "page"];

    /// <summary>The folder definitions are read from: configured, else ./scrapers, else the one beside the binary.</summary>
    public static string ResolveDirectory(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured);
        var local = Path.GetFullPath("scrapers");
        return Directory.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "scrapers");
    }

    public static DefinitionSet LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            return new DefinitionSet([], [new DefinitionError(directory, 0, "definitions folder does not exist")]);
        var definitions = new List<SourceDefinition>();
        var errors = new List<DefinitionError>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.*").Where(IsDefinitionFile).Order(StringComparer.Ordinal))
        {
            var (definition, fileErrors) = LoadFile(file);
            errors.AddRange(fileErrors);
            if (definition is not null && fileErrors.Count == 0)
                definitions.Add(definition);
        }
        return new DefinitionSet(definitions, errors);
    }

    static bool IsDefinitionFile(string path) =>
        path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal);

    public static (SourceDefinition? Definition, IReadOnlyList<DefinitionError> Errors) LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            return (null, [new DefinitionError(path, 0, $"cannot read: {e.Message}")]);
        }
        return Parse(text, path);
    }

    public static (SourceDefinition? Definition, IReadOnlyList<DefinitionError> Errors) Parse(string text, string path)
    {
        SourceDefinition? definition;
        try
        {
            definition = deserializer.Deserialize<SourceDefinition>(text);
        }
        catch (YamlException e)
        {
            return (null, [new DefinitionError(path, (int)e.Start.Line, Describe(e))]);
        }
        if (definition is null)
            return (null, [new DefinitionError(path, 1, "the file is empty")]);
        definition.File = path;

        var lines = new LineIndex(text);
        var errors = new List<DefinitionError>();
        void Error(string key, string message) => errors.Add(new DefinitionError(path, lines.Find(key), message));

        var expectedId = Path.GetFileNameWithoutExtension(path);
        if (string.IsNullOrWhiteSpace(definition.Id))
            Error("id", "id is required");
        else if (definition.Id != expectedId)
            Error("id", $"id '{definition.Id}' must equal the file name '{expectedId}'");
        else if (!Slug.IsSlug(definition.Id))
            Error("id", $"id '{definition.Id}' must be kebab-case: lowercase letters and digits separated by single hyphens");

        Required(definition.Name, "name");
        Required(definition.Owner, "owner");
        Required(definition.Terms, "terms");
        if (WebText.HttpUrl(definition.Homepage) is null)
            Error("homepage", string.IsNullOrWhiteSpace(definition.Homepage) ? "homepage is required" : $"homepage '{definition.Homepage}' is not an absolute http(s) URL");
        if (!accessKinds.Contains(definition.Access))
            Error("access", $"access must be one of {string.Join(", ", accessKinds)} (api/feed: published for reuse; page: crawled, robots.txt applies); got '{definition.Access}'");

        var j = definition.Jurisdiction;
        if (string.IsNullOrWhiteSpace(j.Name))
            Error("jurisdiction.name", "jurisdiction.name is required");
        if (!JurisdictionDefinition.Levels.Contains(j.Level))
            Error("jurisdiction.level", $"jurisdiction.level must be one of {string.Join(", ", JurisdictionDefinition.Levels)}; got '{j.Level}'");
        if (!PlaceCodes.IsCountry(j.Country))
            Error("jurisdiction.country", $"jurisdiction.country must be an ISO 3166-1 alpha-2 code such as US, CA or GB; got '{j.Country}'");
        if (!string.IsNullOrEmpty(j.Region) && !(PlaceCodes.IsRegion(j.Region) && j.Region.StartsWith(j.Country + "-", StringComparison.Ordinal)))
            Error("jurisdiction.region", $"jurisdiction.region must be an ISO 3166-2 code of {j.Country} such as {j.Country}-MD; got '{j.Region}'");

        if (definition.Schedule is not null && CronProblem(definition.Schedule) is { } cronProblem)
            Error("schedule", $"schedule '{definition.Schedule}' is not a valid Quartz cron expression ({cronProblem}); fields are seconds minutes hours day-of-month month day-of-week, e.g. \"0 15 */6 * * ?\"");
        if (definition.Timezone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(definition.Timezone, out _))
            Error("timezone", $"timezone '{definition.Timezone}' is not a known IANA time zone (e.g. America/New_York)");
        if (!definition.Enabled && string.IsNullOrWhiteSpace(definition.DisabledReason))
            Error("enabled", "a disabled definition must say why in disabled_reason");
        if (definition.Context is not null && !OrganizationContext.All.Contains(definition.Context))
            Error("context", $"context must be one of {string.Join(", ", OrganizationContext.All)} (what kind of organization posts these jobs); got '{definition.Context}'");
        if (definition.MaxRequests is < 1 or > 10_000)
            Error("max_requests", $"max_requests must be between 1 and 10000; got {definition.MaxRequests}");
        if (definition.MaxResponseBytes is < 1024 or > 1024L * 1024 * 1024)
            Error("max_response_bytes", $"max_response_bytes must be between 1024 and 1073741824 (1 GiB); got {definition.MaxResponseBytes}");

        if (definition.Platform.Settings is null)
        {
            Error("platform", $"platform is required: one key naming the adapter ({string.Join(", ", AdapterRegistry.Platforms)})");
        }
        else
        {
            foreach (var e in definition.Platform.Settings.Validate())
            {
                var key = e.Key is null ? $"platform.{definition.Platform.Name}" : $"platform.{definition.Platform.Name}.{e.Key}";
                Error(key, $"{key}: {e.Message}");
            }
        }
        return (definition, errors);

        void Required(string value, string key)
        {
            if (string.IsNullOrWhiteSpace(value))
                Error(key, $"{key} is required");
        }
    }

    /// <summary>The schedule a definition runs on: its own, or every six hours at a minute derived from the id
    /// so that sources don't all start at once.</summary>
    public static string EffectiveSchedule(SourceDefinition definition)
    {
        if (definition.Schedule is not null)
            return definition.Schedule;
        var hash = 2166136261u;
        foreach (var c in definition.Id)
            hash = (hash ^ c) * 16777619u;
        return $"0 {hash % 60} {hash / 60 % 6}/6 * * ?";
    }

    public static TimeZoneInfo EffectiveTimeZone(SourceDefinition definition) =>
        definition.Timezone is not null
            ? TimeZoneInfo.FindSystemTimeZoneById(definition.Timezone)
            : Adapters.TimeZones.Default(definition.Jurisdiction.Country, definition.Jurisdiction.Region);

    static string? CronProblem(string expression)
    {
        try
        {
            _ = new CronExpression(expression);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    static string Describe(YamlException e)
    {
        // YamlDotNet wraps the useful message (an unknown property, a bad scalar) one or two levels down.
        var messages = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (!string.IsNullOrWhiteSpace(x.Message) && !x.Message.StartsWith("Exception during deserialization", StringComparison.Ordinal))
                messages.Add(StripMark().Replace(x.Message, ""));
        var message = messages.Count > 0 ? string.Join(": ", messages.Distinct()) : e.Message;
        var unknown = UnknownProperty().Match(message);
        if (unknown.Success)
            return $"unknown key '{unknown.Groups["key"].Value}' in {Where(unknown.Groups["type"].Value)}; check the spelling against scrapers/README.md";
        return message;
    }

    static string Where(string type) => type.Split('.')[^1] switch
    {
        "SourceDefinition" => "the definition",
        "JurisdictionDefinition" => "jurisdiction",
        var settings when settings.EndsWith("Settings", StringComparison.Ordinal) => $"the {settings[..^"Settings".Length].ToLowerInvariant()} platform block",
        var other => other,
    };

    [GeneratedRegex(@"Property '(?<key>[^']+)' not found on type '(?<type>[^']+)'")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex StripMark();

    /// <summary>Maps a dotted key path to the line it is on, falling back to the nearest parent that exists.</summary>
    sealed class LineIndex
    {
        readonly YamlMappingNode? root;

        public LineIndex(string text)
        {
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(text));
                root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
            }
            catch (YamlException)
            {
                root = null;
            }
        }

        public int Find(string path)
        {
            if (root is null)
                return 1;
            var line = (int)root.Start.Line;
            YamlNode node = root;
            foreach (var part in path.Split('.'))
            {
                if (node is not YamlMappingNode map)
                    break;
                var entry = map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == part);
                if (entry.Key is null)
                    break;
                line = (int)entry.Key.Start.Line;
                node = entry.Value;
            }
            return line;
        }
    }
}
