using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Security;

/// <summary>
/// Item 1, the admin side: with no file descriptor left (RLIMIT_NOFILE lowered, on the running server,
/// to its lowest free fd number: every fd below it is taken, so every new fd fails with EMFILE exactly
/// as in a full table, and nothing else changes; a flood of connections would meet the engine's own
/// cap first), the API still answers on a
/// connection opened before; a reload and a program start answer 503 with the reason instead of
/// 500, start nothing and change nothing; a SIGHUP is audited as failed, not dropped. Once fds are
/// back, everything works again.
/// </summary>
public class FdExhaustionAdminTests
{
    private static void SetSoftFdLimit(int pid, int soft)
    {
        using var prlimit = Process.Start(new ProcessStartInfo("prlimit", $"--pid {pid} --nofile={soft}:") { RedirectStandardError = true })!;
        prlimit.WaitForExit();
        Assert.True(prlimit.ExitCode == 0, prlimit.StandardError.ReadToEnd());
    }

    private static int SoftFdLimit(int pid) =>
        int.Parse(File.ReadAllLines($"/proc/{pid}/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]);

    [Fact]
    public async Task Out_of_fds_reload_and_program_start_answer_503_and_start_nothing()
    {
        await using var server = await ServerProcess.StartAsync(extraSections: """
            "Programs": [ { "Name": "sleeper", "Command": "sleep 611" } ]
            """);
        int pid = server.Process.Id;
        // One kept-alive connection, opened while fds are plenty: the only way in once they are gone.
        using var admin = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri(server.BaseUrl),
            DefaultRequestHeaders = { Authorization = ServerProcess.BasicAuth("admin", ServerProcess.Password) },
        };
        // Warm every path once (code loaded, JIT done), then stop the program again.
        (await admin.PostAsync("/api/reload", null)).EnsureSuccessStatusCode();
        var started = await admin.PostAsync("/api/programs/sleeper/start", null);
        started.EnsureSuccessStatusCode();
        int pgid = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("group").GetProperty("pgid").GetInt32();
        (await admin.PostAsync($"/api/groups/{pgid}/kill", null)).EnsureSuccessStatusCode();
        await Poll.UntilAsync(async () => (await admin.GetFromJsonAsync<JsonElement>("/api/processes")).GetProperty("groups").GetArrayLength(), n => n == 0);

        int limit = SoftFdLimit(pid);
        int lowestFree = LowestFreeFd(pid);
        Assert.True(lowestFree >= 4, $"fds 0-3 are not all open in the server (lowest free: {lowestFree})");
        SetSoftFdLimit(pid, lowestFree);
        try
        {
            var clock = Stopwatch.StartNew();
            var state = await admin.GetAsync("/api/engine");
            Assert.Equal(HttpStatusCode.OK, state.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"GET /api/engine took {clock.Elapsed.TotalMilliseconds:F0} ms");

            var reload = await admin.PostAsync("/api/reload", null);
            Assert.True(reload.StatusCode == HttpStatusCode.ServiceUnavailable, $"{reload.StatusCode}: {await reload.Content.ReadAsStringAsync()}\n{server.Output}");
            Assert.Contains("EMFILE", (await reload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
            Assert.NotNull(reload.Headers.RetryAfter);

            var start = await admin.PostAsync("/api/programs/sleeper/start", null);
            Assert.True(start.StatusCode == HttpStatusCode.ServiceUnavailable, $"{start.StatusCode}: {await start.Content.ReadAsStringAsync()}\n{server.Output}");
            Assert.Equal("application/problem+json", start.Content.Headers.ContentType?.MediaType);
            Assert.Contains("EMFILE", (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

            Signals.Send(pid, Signals.SIGHUP);
            var events = await Poll.UntilAsync(() => admin.GetFromJsonAsync<JsonElement>("/api/events?max=20"),
                ev => ev.EnumerateArray().Any(e => e.GetProperty("actor").GetString() == "SIGHUP" && e.GetProperty("category").GetString() == "reload"));
            var sighup = events.EnumerateArray().First(e => e.GetProperty("actor").GetString() == "SIGHUP" && e.GetProperty("category").GetString() == "reload");
            Assert.Contains("not possible now (EMFILE)", sighup.GetProperty("result").GetString());
        }
        finally { SetSoftFdLimit(pid, limit); }

        Assert.False(server.Process.HasExited);
        Assert.DoesNotContain(Directory.EnumerateDirectories("/proc"), d =>
            int.TryParse(Path.GetFileName(d), out _) && ReadCmdline(d) == "sleep 611"); // nothing was half-started
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/processes")).GetProperty("groups").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/reload", null)).StatusCode);
        var again = await admin.PostAsync("/api/programs/sleeper/start", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        int again_pgid = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("group").GetProperty("pgid").GetInt32();
        (await admin.PostAsync($"/api/groups/{again_pgid}/kill", null)).EnsureSuccessStatusCode();
        Assert.DoesNotContain("unhandled exception", server.Output, StringComparison.OrdinalIgnoreCase);
    }

    private static int LowestFreeFd(int pid)
    {
        var open = Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Select(f => int.Parse(Path.GetFileName(f))).ToHashSet();
        int n = 0;
        while (open.Contains(n)) n++;
        return n;
    }

    private static string ReadCmdline(string procDir)
    {
        try { return File.ReadAllText(Path.Combine(procDir, "cmdline")).Replace('\0', ' ').Trim(); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }
}
