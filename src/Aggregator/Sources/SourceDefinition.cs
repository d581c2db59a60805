using Aggregator.Sources.Adapters;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Aggregator.Sources;

// Scalar.AspNetCore brings a root namespace named Scalar; inside ours, Scalar is YAML's.
using Scalar = YamlDotNet.Core.Events.Scalar;

/// <summary>
/// One <c>scrapers/&lt;id&gt;.yml</c> file: which jurisdiction, who to call, when to run, and one
/// <c>platform</c> block with that platform's parameters. Definitions select and format; they never branch.
/// </summary>
public sealed class SourceDefinition
{
    /// <summary>Kebab-case id, equal to the file name without <c>.yml</c>.</summary>
    public string Id { get; set; } = "";
    /// <summary>Human name of the source ("City of Baltimore jobs on GovernmentJobs").</summary>
    public string Name { get; set; } = "";
    public JurisdictionDefinition Jurisdiction { get; set; } = new();
    public string Homepage { get; set; } = "";
    /// <summary>Who to call when it breaks (a name, handle or address).</summary>
    public string Owner { get; set; } = "";
    /// <summary>Quartz cron expression (seconds first). Default: every six hours at a minute derived from the id.</summary>
    public string? Schedule { get; set; }
    /// <summary>IANA zone for dates the source prints without an offset. Default: derived from the jurisdiction.</summary>
    public string? Timezone { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>Why a definition ships disabled (required when <c>enabled: false</c>).</summary>
    public string? DisabledReason { get; set; }
    /// <summary><c>api</c> or <c>feed</c>: published for reuse, fetched as a reader would; <c>page</c>: crawled, robots.txt applies.</summary>
    public string Access { get; set; } = "";
    /// <summary>One line on the site's terms and robots.txt status.</summary>
    public string Terms { get; set; } = "";
    /// <summary>
    /// What kind of organization posts these jobs (<see cref="OrganizationContext"/>): <c>digital-service</c>, <c>civic-tech</c> or
    /// <c>general</c> (the default). The role classifier reads it only when a title alone is ambiguous ("Designer", "Delivery Lead").
    /// </summary>
    public string? Context { get; set; }
    /// <summary>Upper bound on requests per run, a guard against paging loops.</summary>
    public int MaxRequests { get; set; } = 200;
    /// <summary>Larger responses are refused. Default: the platform's own (a whole Greenhouse or Lever board in one
    /// response is large), else <c>Scraping:MaxResponseBytes</c>.</summary>
    public long? MaxResponseBytes { get; set; }
    public PlatformBlock Platform { get; set; } = new();

    /// <summary>The configuration entry that set <see cref="Enabled"/> for this deployment (<c>Sources:Disable 'us-ca-*'</c>),
    /// or null when the file's own <c>enabled</c> stands (not part of the YAML).</summary>
    [YamlIgnore] public string? SwitchedBy { get; set; }

    /// <summary>File the definition was loaded from (not part of the YAML).</summary>
    [YamlIgnore] public string File { get; set; } = "";
}

public sealed class JurisdictionDefinition
{
    public string Name { get; set; } = "";
    /// <summary>federal, state, province, county, city, special-district, international or organization.</summary>
    public string Level { get; set; } = "";
    /// <summary>ISO 3166-1 alpha-2 (US, CA, GB).</summary>
    public string Country { get; set; } = "";
    /// <summary>ISO 3166-2 (US-MD, CA-ON, GB-ENG); empty for national sources.</summary>
    public string? Region { get; set; }
    /// <summary>Name of the jurisdiction this one belongs to (a department's government).</summary>
    public string? Parent { get; set; }

    public static readonly string[] Levels = ["federal", "state", "province", "county", "city", "special-district", "international", "organization"];
}

/// <summary>The organization types a source definition may declare with <c>context:</c>.</summary>
public static class OrganizationContext
{
    /// <summary>A government digital service team (USDS, 18F, GDS, CDS, a state digital service): bare practitioner titles are digital.</summary>
    public const string DigitalService = "digital-service";
    /// <summary>A civic-tech nonprofit or public benefit company building government services.</summary>
    public const string CivicTech = "civic-tech";
    /// <summary>Any other employer; the default.</summary>
    public const string General = "general";

    public static readonly IReadOnlyList<string> All = [DigitalService, CivicTech, General];

    public static bool IsDigital(string? context) => context is DigitalService or CivicTech;
}

/// <summary>
/// The <c>platform:</c> mapping: exactly one key naming the adapter, whose value deserializes into that
/// adapter's settings class, in the same parse so that errors inside it keep their line numbers.
/// </summary>
public sealed class PlatformBlock : IYamlConvertible
{
    public string Name { get; set; } = "";
    public PlatformSettings? Settings { get; set; }

    void IYamlConvertible.Read(IParser parser, Type expectedType, ObjectDeserializer nestedObjectDeserializer)
    {
        var start = parser.Consume<MappingStart>();
        if (parser.TryConsume<MappingEnd>(out _))
            throw new YamlException(start.Start, start.End, $"platform needs one key naming the adapter; known: {string.Join(", ", AdapterRegistry.Platforms)}");
        var key = parser.Consume<Scalar>();
        var type = AdapterRegistry.SettingsTypeFor(key.Value)
            ?? throw new YamlException(key.Start, key.End, $"unknown platform '{key.Value}'; known: {string.Join(", ", AdapterRegistry.Platforms)}");
        Name = key.Value;
        if (parser.Accept<Scalar>(out var empty) && string.IsNullOrEmpty(empty.Value))
        {
            parser.Consume<Scalar>();
            Settings = (PlatformSettings)Activator.CreateInstance(type)!;
        }
        else
        {
            Settings = (PlatformSettings?)nestedObjectDeserializer(type) ?? (PlatformSettings)Activator.CreateInstance(type)!;
        }
        if (parser.Accept<Scalar>(out var extra))
            throw new YamlException(extra.Start, extra.End, $"platform has a second key '{extra.Value}'; a definition uses exactly one platform");
        parser.Consume<MappingEnd>();
    }

    void IYamlConvertible.Write(IEmitter emitter, ObjectSerializer nestedObjectSerializer) =>
        throw new NotSupportedException("Definitions are read, not written.");
}
