namespace Aggregator.Sources;

/// <summary>The definitions this process loaded at start, shared by the scheduler and the API.</summary>
public sealed class DefinitionCatalog(DefinitionSet current)
{
    public DefinitionSet Current { get; } = current;
}
