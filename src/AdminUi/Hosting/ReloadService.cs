using AdminServer.AdminUi.Services;
using AdminServer.Engine;
using AdminServer.Engine.Processes;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Re-reads the configuration file, validates it and applies the difference at runtime
/// (SIGHUP, POST /api/reload). An invalid file is rejected as a whole and the running
/// configuration stays exactly as it was: nginx's rule.
/// </summary>
public sealed class ReloadService(
    AppPaths paths, ServerEngine engine, ProcessManager processes, AuditLog audit, ILogger<ReloadService> logger, CommandLineArgs args)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public sealed record Outcome(bool Applied, IReadOnlyList<string> Changes, IReadOnlyList<string> Errors);

    public async Task<Outcome> ReloadAsync(string actor)
    {
        await _one.WaitAsync();
        try
        {
            var config = new ConfigurationBuilder()
                .AddJsonFile(paths.ConfigFile, optional: true, reloadOnChange: false)
                .AddEnvironmentVariables()
                .AddCommandLine(args.Values)
                .Build();
            var next = EngineConfigLoader.Load(config, out var errors);
            var nextHttp = HttpConfigLoader.Load(config, paths, out var httpErrors);
            errors = [.. errors, .. httpErrors];
            var nextPrograms = ProcessConfigLoader.Load(config, out var programErrors);
            if (errors.Count + programErrors.Count > 0) return Reject([.. errors, .. programErrors]);
            List<string> changes;
            try { changes = [.. await engine.ApplyAsync(next, nextHttp)]; }
            catch (Exception ex) when (ex is ArgumentException or Engine.Native.ErrnoException) { return Reject([ex.Message]); }
            // Declared programs may change; groups already running stay managed until they end.
            var declared = processes.Options.Programs.Select(p => p.Name).Order().ToArray();
            processes.UpdateOptions(nextPrograms);
            var now = nextPrograms.Programs.Select(p => p.Name).Order().ToArray();
            if (!declared.SequenceEqual(now)) changes.Add($"programs [{string.Join(", ", declared)}] -> [{string.Join(", ", now)}]");
            audit.Add("reload", actor, $"reload {paths.ConfigFile}", changes.Count == 0 ? "no changes" : string.Join("; ", changes));
            return new Outcome(true, changes, []);
        }
        catch (InvalidDataException ex)
        {
            return Reject([$"{paths.ConfigFile} is not valid JSON: {ex.Message}"]);
        }
        finally
        {
            _one.Release();
        }

        Outcome Reject(IReadOnlyList<string> errors)
        {
            logger.LogWarning("Reload rejected, running configuration kept: {Errors}", string.Join("; ", errors));
            audit.Add("reload", actor, $"reload {paths.ConfigFile}", "rejected, running configuration kept: " + string.Join("; ", errors));
            return new Outcome(false, [], errors);
        }
    }
}
