using AdminServer.AdminUi.Services;

namespace AdminServer.AdminUi.Hosting;

/// <summary>Binds and validates the "Admin" and "Audit" sections, with messages naming the key (as EngineConfigLoader does for "Engine").</summary>
public static class AdminConfigLoader
{
    public static (AdminOptions Admin, AuditOptions Audit) Load(IConfiguration config, out IReadOnlyList<string> errors)
    {
        var admin = new AdminOptions();
        var audit = new AuditOptions();
        try
        {
            config.GetSection(AdminOptions.Section).Bind(admin, o => o.ErrorOnUnknownConfiguration = true);
            config.GetSection(AuditOptions.Section).Bind(audit, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            errors = [ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message];
            return (admin, audit);
        }
        errors = [.. admin.Validate(), .. audit.Validate()];
        return (admin, audit);
    }
}
