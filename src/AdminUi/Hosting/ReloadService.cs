using System.Text.Json;
using AdminServer.AdminUi.Services;
using AdminServer.Engine;
using AdminServer.Engine.Native;
using AdminServer.Engine.Processes;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Re-reads the configuration file, validates it and applies the difference at runtime
/// (SIGHUP, POST /api/reload). An invalid file is rejected as a whole and the running
/// configuration stays exactly as it was: nginx's rule. So is a file that is missing or cannot be
/// read: the start may fall back to the embedded defaults, a reload never does (it would silently
/// reset every setting and empty the program list). Every outcome is audited.
/// </summary>
public sealed class ReloadService(
    AppPaths paths, ServerEngine engine, ProcessManager processes, AuditLog audit, ILogger<ReloadService> logger, CommandLineArgs args)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <param name="Exhausted">"EMFILE"/"ENFILE" when the reload failed for want of file descriptors (a 503, not the file's fault).</param>
    public sealed record Outcome(bool Applied, IReadOnlyList<string> Changes, IReadOnlyList<string> Errors, string? Exhausted = null);

    public async Task<Outcome> ReloadAsync(string actor)
    {
        // Whoever calls, the file is read and sockets are bound on a pool thread, never the caller's
        // (the engine loop delivers SIGHUP; it must not wait on a disk or a FIFO).
        await Task.Yield();
        await _one.WaitAsync();
        try
        {
            byte[] file;
            try { file = await File.ReadAllBytesAsync(paths.ConfigFile); }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return Reject([$"{paths.ConfigFile} does not exist; a reload needs the file (the embedded defaults apply only at start)."]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return ResourceExhaustion.Reason(e) is { } reason
                    ? Reject([$"{paths.ConfigFile} could not be opened: {ResourceExhaustion.Describe(reason)}."], reason)
                    : Reject([$"{paths.ConfigFile} could not be read: {e.Message}"]);
            }
            IConfiguration config;
            try
            {
                config = new ConfigurationBuilder()
                    .AddJsonStream(new MemoryStream(file))
                    .AddEnvironmentVariables()
                    .AddCommandLine(args.Values)
                    .Build();
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or JsonException)
            {
                return Reject([$"{paths.ConfigFile} is not valid JSON: {e.Message}"]);
            }
            var next = EngineConfigLoader.Load(config, out var errors);
            var nextHttp = HttpConfigLoader.Load(config, paths, out var httpErrors);
            errors = [.. errors, .. httpErrors];
            var nextPrograms = ProcessConfigLoader.Load(config, out var programErrors, paths.Root);
            if (errors.Count + programErrors.Count > 0) return Reject([.. errors, .. programErrors]);
            List<string> changes;
            try { changes = [.. await engine.ApplyAsync(next, nextHttp)]; }
            catch (ErrnoException e) when (ResourceExhaustion.Reason(e) is { } reason) { return Reject([e.Message], reason); }
            catch (Exception e) when (e is ArgumentException or ErrnoException) { return Reject([e.Message]); }
            // Declared programs may change; groups already running stay managed until they end.
            var declared = processes.Options.Programs.Select(p => p.Name).Order().ToArray();
            processes.UpdateOptions(nextPrograms);
            var now = nextPrograms.Programs.Select(p => p.Name).Order().ToArray();
            if (!declared.SequenceEqual(now)) changes.Add($"programs [{string.Join(", ", declared)}] -> [{string.Join(", ", now)}]");
            audit.Add("reload", actor, $"reload {paths.ConfigFile}", changes.Count == 0 ? "no changes" : string.Join("; ", changes));
            return new Outcome(true, changes, []);
        }
        finally
        {
            _one.Release();
        }

        Outcome Reject(IReadOnlyList<string> errors, string? exhausted = null)
        {
            logger.LogWarning("Reload rejected, running configuration kept: {Errors}", LogText.Clean(string.Join("; ", errors), 4000));
            audit.Add("reload", actor, $"reload {paths.ConfigFile}",
                (exhausted is null ? "rejected" : $"not possible now ({exhausted})") + ", running configuration kept: " + string.Join("; ", errors));
            return new Outcome(false, [], errors, exhausted);
        }
    }
}
