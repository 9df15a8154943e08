using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Security;

/// <summary>
/// Items 4 and 10 for reloads: a missing or unreadable file is a rejected, audited reload that keeps
/// the running configuration (it used to reset everything to the embedded defaults); and the file is
/// read off the engine loop, so a read that blocks (a FIFO in its place) blocks no connection.
/// </summary>
public class ReloadSafetyTests
{
    private const string Engine = """
        {
          "Trigger": "LT",
          "IdleTimeoutSeconds": 7,
          "Timer": "Wheel",
          "Workers": 2,
          "Listeners": [ { "Name": "echo", "Service": "echo", "Address": "127.0.0.1", "Port": 0 } ]
        }
        """;

    private const string Programs = """
        "Programs": [
          { "Name": "one", "Command": "sleep 600" },
          { "Name": "two", "Command": "sleep 600" },
          { "Name": "three", "Command": "sleep 600" }
        ]
        """;

    private static async Task<JsonElement> NthSighupReload(ServerProcess server, int n)
    {
        static JsonElement[] Reloads(JsonElement events) => events.EnumerateArray()
            .Where(e => e.GetProperty("category").GetString() == "reload" && e.GetProperty("actor").GetString() == "SIGHUP").ToArray();
        var events = await Poll.UntilAsync(() => server.GetJsonAsync("/api/events"), ev => Reloads(ev).Length >= n, seconds: 10);
        Assert.True(Reloads(events).Length >= n, "the SIGHUP reload was not audited");
        return Reloads(events)[0];
    }

    private static async Task AssertConfigurationKept(ServerProcess server)
    {
        var state = await server.GetJsonAsync("/api/engine");
        Assert.Equal("LT", state.GetProperty("trigger").GetString());
        Assert.Equal("Wheel", state.GetProperty("timer").GetString());
        Assert.Equal(7, state.GetProperty("idleTimeoutSeconds").GetInt32());
        Assert.Single(state.GetProperty("listeners").EnumerateArray());
        Assert.Equal(3, (await server.GetJsonAsync("/api/processes")).GetProperty("programs").GetArrayLength());
    }

    [Fact]
    public async Task A_reload_with_the_config_file_deleted_is_rejected_and_keeps_everything()
    {
        await using var server = await ServerProcess.StartAsync(Engine, Programs);
        File.Delete(server.ConfigFile);

        Signals.Send(server.Process.Id, Signals.SIGHUP);
        var rejected = await NthSighupReload(server, 1);
        Assert.Contains("rejected", rejected.GetProperty("result").GetString());
        Assert.Contains("does not exist", rejected.GetProperty("result").GetString());
        await AssertConfigurationKept(server);

        var response = await server.Api.PostAsync("/api/reload", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(server.ConfigFile, await response.Content.ReadAsStringAsync());
        await AssertConfigurationKept(server);
    }

    [Fact]
    public async Task A_config_path_that_cannot_be_read_is_rejected_and_keeps_everything()
    {
        await using var server = await ServerProcess.StartAsync(Engine, Programs);
        File.Delete(server.ConfigFile);
        Directory.CreateDirectory(server.ConfigFile); // opening it for reading fails (the tests run as root: modes would not stop them)
        try
        {
            Signals.Send(server.Process.Id, Signals.SIGHUP);
            var rejected = await NthSighupReload(server, 1);
            Assert.Contains("could not be read", rejected.GetProperty("result").GetString());
            await AssertConfigurationKept(server);
        }
        finally { Directory.Delete(server.ConfigFile); }
    }

    [Fact]
    public async Task A_reload_whose_read_blocks_does_not_block_the_loop()
    {
        await using var server = await ServerProcess.StartAsync(Engine, Programs);
        string newConfig = File.ReadAllText(server.ConfigFile).Replace("\"Trigger\": \"LT\"", "\"Trigger\": \"ET\"");
        using var echo = await EchoClient.ConnectAsync(server.EchoPort);
        await echo.RoundTripAsync("before"u8.ToArray(), TimeSpan.FromSeconds(5));

        // A FIFO in place of the file: opening it for reading blocks until someone opens it for writing.
        File.Delete(server.ConfigFile);
        using (var mkfifo = Process.Start("mkfifo", server.ConfigFile)) await mkfifo.WaitForExitAsync();
        Task writer = Task.CompletedTask;
        try
        {
            Signals.Send(server.Process.Id, Signals.SIGHUP);
            await Task.Delay(300); // the reload is now waiting on the FIFO
            // The loop is free: echo on the open connection and a new one, the API, all answer at once.
            Assert.Equal("while the reload waits"u8.ToArray(), await echo.RoundTripAsync("while the reload waits"u8.ToArray(), TimeSpan.FromSeconds(2)));
            using (var fresh = await EchoClient.ConnectAsync(server.EchoPort))
                await fresh.RoundTripAsync("new"u8.ToArray(), TimeSpan.FromSeconds(2));
            Assert.Equal("LT", (await server.GetJsonAsync("/api/engine")).GetProperty("trigger").GetString());
        }
        finally
        {
            // Let the reload read its file (and end the test's wait on it either way).
            writer = Task.Run(() => File.WriteAllText(server.ConfigFile, newConfig));
            await writer.WaitAsync(TimeSpan.FromSeconds(10));
        }
        var applied = await NthSighupReload(server, 1);
        Assert.Contains("mode", applied.GetProperty("result").GetString());
        Assert.Equal("ET", (await server.GetJsonAsync("/api/engine")).GetProperty("trigger").GetString());
        File.Delete(server.ConfigFile);
        File.WriteAllText(server.ConfigFile, newConfig); // a plain file again for the cleanup
    }

    [Fact]
    public async Task A_SIGHUP_ignored_from_the_start_is_reported_not_silently_lost()
    {
        string config = ServerProcess.WriteConfig();
        var psi = new ProcessStartInfo("nohup") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "dotnet", ServerProcess.AdminUiDll, "--config", config }) psi.ArgumentList.Add(a);
        psi.Environment["ADMINSERVER_PASSWORD"] = ServerProcess.Password;
        using var p = Process.Start(psi)!;
        try
        {
            var output = new System.Text.StringBuilder();
            p.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            string Seen() { lock (output) return output.ToString(); }
            await Poll.UntilAsync(() => Task.FromResult(Seen()), o => o.Contains("Now listening on"), seconds: 60);
            Assert.Contains("SIGHUP was ignored when the server started", Seen());
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            File.Delete(config);
            File.Delete(ServerProcess.AuditPathOf(config));
        }
    }
}
