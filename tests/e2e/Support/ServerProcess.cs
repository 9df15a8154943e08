using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AdminServer.E2eTests.Support;

/// <summary>
/// The real AdminServer process, started on free loopback ports (port 0 everywhere, the
/// actual ports read back from its log and API) with a known password, killed with its
/// whole process tree on dispose.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    public const string Password = "e2e-secret-password";
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => _process = process;

    public string BaseUrl { get; private set; } = "";
    public int AdminPort => new Uri(BaseUrl).Port;
    public string ConfigFile { get; private set; } = "";
    public HttpClient Api { get; private set; } = null!;
    public int EchoPort { get; private set; }
    public int DiscardPort { get; private set; }
    /// <summary>The engine's HTTP service (the repository's www/ demo site), when the config has an http listener.</summary>
    public int HttpPort { get; private set; }
    public string Output { get { lock (_output) return _output.ToString(); } }
    public Process Process => _process;

    /// <summary>The server under test; ADMINSERVER_E2E_DLL points the tests at another build (e.g. an older one, to see a test fail there).</summary>
    public static string AdminUiDll => Environment.GetEnvironmentVariable("ADMINSERVER_E2E_DLL") is { Length: > 0 } other ? other
        : typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AdminUiDll").Value!;

    /// <summary>A config with echo and discard on port 0 and the admin on port 0; <paramref name="engineJson"/> overrides the Engine section,
    /// <paramref name="extraSections"/> adds top-level properties (e.g. <c>"Programs": [...]</c>), <paramref name="adminJson"/> adds
    /// properties to the Admin section. The audit log goes to a file of its own next to the config (<see cref="AuditPathOf"/>).</summary>
    public static string WriteConfig(string? engineJson = null, string? extraSections = null, string? adminJson = null, string? auditJson = null)
    {
        string path = Path.Combine(Path.GetTempPath(), $"adminserver-e2e-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
        {
          "Logging": { "LogLevel": { "Default": "Information", "Microsoft.AspNetCore": "Warning" } },
          "Admin": { "Url": "http://127.0.0.1:0"{{(adminJson is null ? "" : ", " + adminJson)}} },
          "Audit": { "Path": "{{AuditPathOf(path)}}"{{(auditJson is null ? "" : ", " + auditJson)}} },
          "Engine": {{engineJson ?? """
            {
              "Workers": 2,
              "Listeners": [
                { "Name": "echo", "Service": "echo", "Address": "127.0.0.1", "Port": 0 },
                { "Name": "discard", "Service": "discard", "Address": "127.0.0.1", "Port": 0 },
                { "Name": "http", "Service": "http", "Address": "127.0.0.1", "Port": 0 }
              ]
            }
            """}}{{(extraSections is null ? "" : "," + extraSections)}}
        }
        """);
        return path;
    }

    /// <summary>The directory a server started on <paramref name="configFile"/> captures its programs' output in.</summary>
    public static string ProgramLogsOf(string configFile) => Path.ChangeExtension(configFile, ".programs");

    /// <summary>The audit file a config written by <see cref="WriteConfig"/> names.</summary>
    public static string AuditPathOf(string configFile) => Path.ChangeExtension(configFile, ".audit.jsonl");

    /// <summary>The charts' history file of a config written by <see cref="WriteConfig"/>: next to its audit file (Hosting/HistoryPath).</summary>
    public static string HistoryPathOf(string configFile) => Path.ChangeExtension(AuditPathOf(configFile), ".rates.json");

    /// <param name="maxOpenFiles">When set, the server runs under `prlimit --nofile=N:N` (to reach EMFILE on purpose).</param>
    /// <param name="environment">Extra environment variables for the server (test hooks such as ADMINSERVER_DISABLE_IO_URING).</param>
    public static Process Launch(string configFile, bool withPassword = true, int? maxOpenFiles = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(maxOpenFiles is null ? "dotnet" : "prlimit")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (maxOpenFiles is { } n)
        {
            psi.ArgumentList.Add($"--nofile={n}:{n}");
            psi.ArgumentList.Add("--");
            psi.ArgumentList.Add("dotnet");
        }
        psi.ArgumentList.Add(AdminUiDll);
        psi.ArgumentList.Add("--config");
        psi.ArgumentList.Add(configFile);
        if (withPassword) psi.Environment["ADMINSERVER_PASSWORD"] = Password;
        else psi.Environment.Remove("ADMINSERVER_PASSWORD");
        psi.Environment["DOTNET_NOLOGO"] = "1";
        // Programs' captured output goes next to the config, not into the repository's data/programs.
        psi.Environment["Processes__LogDirectory"] = ProgramLogsOf(configFile);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) psi.Environment[key] = value;
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start the server");
    }

    public static async Task<ServerProcess> StartAsync(string? engineJson = null, string? extraSections = null, int? maxOpenFiles = null,
        string? adminJson = null, string? configFile = null, string? auditJson = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        string config = configFile ?? WriteConfig(engineJson, extraSections, adminJson, auditJson);
        var server = new ServerProcess(Launch(config, maxOpenFiles: maxOpenFiles, environment: environment)) { ConfigFile = config };
        server._process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var started = await Task.WhenAny(server._url.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        if (started != server._url.Task)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"the server did not start within 60 s:\n{server.Output}");
        }
        server.BaseUrl = server._url.Task.Result;
        server.Api = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        server.Api.DefaultRequestHeaders.Authorization = BasicAuth("admin", Password);
        using var state = JsonDocument.Parse(await server.Api.GetStringAsync("/api/engine"));
        foreach (var l in state.RootElement.GetProperty("listeners").EnumerateArray())
        {
            if (l.GetProperty("service").GetString() == "echo") server.EchoPort = l.GetProperty("port").GetInt32();
            if (l.GetProperty("service").GetString() == "discard") server.DiscardPort = l.GetProperty("port").GetInt32();
            if (l.GetProperty("service").GetString() == "http") server.HttpPort = l.GetProperty("port").GetInt32();
        }
        return server;
    }

    public static AuthenticationHeaderValue BasicAuth(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public async Task<JsonElement> GetJsonAsync(string path) => (await Api.GetFromJsonAsync<JsonElement>(path));

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        var m = ListeningLine().Match(line);
        if (m.Success) _url.TrySetResult(m.Groups[1].Value);
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        if (!KeepFiles)
        {
            File.Delete(ConfigFile);
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(AuditPathOf(ConfigFile)) + "*")) File.Delete(f);
            File.Delete(HistoryPathOf(ConfigFile));
            if (Directory.Exists(ProgramLogsOf(ConfigFile))) Directory.Delete(ProgramLogsOf(ConfigFile), recursive: true);
        }
    }

    /// <summary>Leave the config and audit files behind on dispose (a test that restarts the server on them).</summary>
    public bool KeepFiles { get; set; }

    public string AuditFile => AuditPathOf(ConfigFile);
}
