using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aggregator.Config;

/// <summary>
/// A configuration section bound to a class: its section name and what is wrong with the values it was given.
/// Every options class of the service is one, registered with <see cref="SettingsRegistration.AddSettings{T}"/>
/// and checked when the process starts, so a bad value stops it with a message naming the key.
/// </summary>
public interface ISettings
{
    /// <summary>The configuration section (<c>Scraping</c>, <c>Scraping:Guard</c>); the environment form uses <c>__</c>.</summary>
    static abstract string Section { get; }

    /// <summary>Each problem with the bound values: the property (as in the JSON key) and what is wrong.</summary>
    IEnumerable<(string Property, string Problem)> Check();
}

public static class SettingsRegistration
{
    /// <summary>Binds <typeparamref name="T"/> to its section and checks it on start (and wherever <see cref="CheckAll"/> runs).</summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services) where T : class, ISettings
    {
        services.AddOptions<T>().BindConfiguration(T.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, SettingsValidator<T>>());
        return services;
    }

    /// <summary>Binds and checks a section before any service exists (the database host reads its settings this way).</summary>
    public static T Read<T>(IConfiguration configuration) where T : class, ISettings, new()
    {
        var value = new T();
        configuration.GetSection(T.Section).Bind(value);
        var result = new SettingsValidator<T>().Validate(Options.DefaultName, value);
        if (result.Failed)
            throw new OptionsValidationException(Options.DefaultName, typeof(T), result.Failures);
        return value;
    }

    /// <summary>What a web host does on start, for the one-shot verbs: bind and check every registered section.</summary>
    public static void CheckAll(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    /// <summary>
    /// The message for a configuration problem found at start, or null when the exception is something else:
    /// a value failing its check, or one the binder could not convert ("abc" for a time span).
    /// </summary>
    public static string? Describe(Exception e) => e switch
    {
        OptionsValidationException invalid => string.Join(Environment.NewLine, invalid.Failures.Select(f => "Configuration error: " + f)),
        AggregateException { InnerExceptions: var inner } => string.Join(Environment.NewLine, inner.Select(Describe).OfType<string>()) is { Length: > 0 } all ? all : null,
        InvalidOperationException when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            $"Configuration error: {e.Message} {e.InnerException?.Message}".Trim(),
        _ => null,
    };
}

/// <summary>Turns <see cref="ISettings.Check"/> into options validation, naming each key in both of its forms.</summary>
sealed class SettingsValidator<T> : IValidateOptions<T> where T : class, ISettings
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = options.Check()
            .Select(p => $"{T.Section}:{p.Property} (environment variable {T.Section.Replace(":", "__", StringComparison.Ordinal)}__{p.Property}): {p.Problem}")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
