using AdminServer.AdminUi.Api;
using AdminServer.Engine.Config;
using AdminServer.Engine.Services;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Binds and validates the "Engine" section. Used at start and (later) on reload, so a bad
/// file is rejected the same way each time, with messages that name the key.
/// </summary>
public static class EngineConfigLoader
{
    public static EngineOptions Load(IConfiguration config, out IReadOnlyList<string> errors)
    {
        var options = new EngineOptions();
        var section = config.GetSection(EngineOptions.Section);
        if (LooseEnums(section) is { Count: > 0 } loose)
        {
            errors = loose;
            return options;
        }
        try
        {
            section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and a .NET type; the operator gets the key and the values it takes.
            errors = [ConfigErrorText.Describe(ex, config, typeof(EngineOptions), EngineOptions.Section)];
            return options;
        }
        if (!section.GetSection(nameof(EngineOptions.Listeners)).Exists()) options.Listeners = EngineOptions.Defaults().Listeners;
        errors = options.Validate(ServiceCatalog.Names);
        return options;
    }

    /// <summary>
    /// The binder parses enums leniently (" LT", "ET,LT" and "1" all bind); every enum setting must
    /// be exactly one of its names instead (<see cref="StrictEnum"/>).
    /// </summary>
    private static List<string> LooseEnums(IConfigurationSection section)
    {
        var errors = new List<string>();
        foreach (var property in typeof(EngineOptions).GetProperties().Where(p => p.PropertyType.IsEnum))
        {
            string? raw = section[property.Name];
            if (raw is not null && !StrictEnum.IsName(property.PropertyType, raw))
                errors.Add($"{EngineOptions.Section}:{property.Name} must be one of {StrictEnum.Names(property.PropertyType)}, not '{ProblemText.Cut(raw)}'.");
        }
        return errors;
    }
}
