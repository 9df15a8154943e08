using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Api;

/// <summary>Real signals sent to the real server process: reload on SIGHUP, graceful stop on SIGTERM.</summary>
public class SignalTests
{
    private const int SIGHUP = 1, SIGUSR1 = 10, SIGTERM = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>
    /// The <paramref name="n"/>th reload done for SIGHUP, from the audit log: it is written once the whole
    /// reload has been applied (or rejected), so state read after it is the reload's final state.
    /// </summary>
    private static async Task<JsonElement> WaitForReload(ServerProcess server, int n)
    {
        static JsonElement[] Reloads(JsonElement events) => events.EnumerateArray()
            .Where(e => e.GetProperty("category").GetString() == "reload" && e.GetProperty("actor").GetString() == "SIGHUP").ToArray();
        var events = await Poll.UntilAsync(() => server.GetJsonAsync("/api/events"), ev => Reloads(ev).Length >= n);
        var reloads = Reloads(events);
        Assert.True(reloads.Length >= n, $"only {reloads.Length} SIGHUP reloads in the audit log, expected {n}");
        return reloads[0]; // newest first
    }

    private static string EngineSection(string trigger, int echoPort, int discardPort, int idleTimeoutSeconds = 60) => $$"""
        {
          "Trigger": "{{trigger}}",
          "IdleTimeoutSeconds": {{idleTimeoutSeconds}},
          "Workers": 2,
          "Listeners": [
            { "Name": "echo", "Service": "echo", "Address": "127.0.0.1", "Port": {{echoPort}} },
            { "Name": "discard", "Service": "discard", "Address": "127.0.0.1", "Port": {{discardPort}} }
          ]
        }
        """;

    private static void Rewrite(ServerProcess server, string engineJson) =>
        File.Copy(ServerProcess.WriteConfig(engineJson), server.ConfigFile, overwrite: true);

    [Fact]
    public async Task SIGHUP_applies_a_changed_file_and_rejects_an_invalid_one_keeping_the_old_values()
    {
        await using var server = await ServerProcess.StartAsync();
        using var idle = new TcpClient(AddressFamily.InterNetwork);
        await idle.ConnectAsync(IPAddress.Loopback, server.EchoPort); // opened under the old 60 s timeout
        Rewrite(server, EngineSection("LT", server.EchoPort, server.DiscardPort, idleTimeoutSeconds: 1));
        Assert.Equal(0, Kill(server.Process.Id, SIGHUP));
        Assert.DoesNotContain("rejected", (await WaitForReload(server, 1)).GetProperty("result").GetString());
        var applied = await server.GetJsonAsync("/api/engine");
        Assert.Equal("LT", applied.GetProperty("trigger").GetString());
        Assert.Equal(1, applied.GetProperty("idleTimeoutSeconds").GetInt32());
        // The new timeout applies to connections already open: this one is closed within seconds, not a minute.
        Assert.Equal(0, await idle.GetStream().ReadAsync(new byte[1]).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Rewrite(server, EngineSection("Sideways", server.EchoPort, server.DiscardPort, idleTimeoutSeconds: 30));
        Assert.Equal(0, Kill(server.Process.Id, SIGHUP));
        var rejection = await WaitForReload(server, 2);
        Assert.Contains("rejected", rejection.GetProperty("result").GetString());
        Assert.Contains("Engine:Trigger", rejection.GetProperty("result").GetString());
        var kept = await server.GetJsonAsync("/api/engine");
        Assert.Equal("LT", kept.GetProperty("trigger").GetString());
        Assert.Equal(1, kept.GetProperty("idleTimeoutSeconds").GetInt32()); // the rejected file changed nothing

        using var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync(IPAddress.Loopback, server.EchoPort);
        await client.GetStream().WriteAsync("still serving"u8.ToArray());
        var buf = new byte[13];
        await client.GetStream().ReadExactlyAsync(buf).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("still serving"u8.ToArray(), buf);
        Assert.False(server.Process.HasExited);
    }

    [Fact]
    public async Task Reload_over_the_api_answers_what_changed_or_why_it_was_rejected()
    {
        await using var server = await ServerProcess.StartAsync();
        Rewrite(server, EngineSection("LT", server.EchoPort, server.DiscardPort));
        var ok = await server.Api.PostAsync("/api/reload", null);
        ok.EnsureSuccessStatusCode();
        var body = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(body.GetProperty("changes").EnumerateArray(), c => c.GetString()!.Contains("LT"));

        File.WriteAllText(server.ConfigFile, "{ not json");
        var bad = await server.Api.PostAsync("/api/reload", null);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("JSON", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal("LT", (await server.GetJsonAsync("/api/engine")).GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task SIGUSR1_writes_a_state_dump_to_the_log()
    {
        await using var server = await ServerProcess.StartAsync();
        using var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync(IPAddress.Loopback, server.EchoPort);
        string remote = client.Client.LocalEndPoint!.ToString()!;
        await Poll.UntilAsync(async () => (await server.GetJsonAsync("/api/engine")).GetProperty("connections").GetInt32(), n => n > 0);

        Assert.Equal(0, Kill(server.Process.Id, SIGUSR1));
        await Poll.UntilAsync(() => Task.FromResult(server.Output), output => output.Contains(remote));
        Assert.Contains("State dump:", server.Output);
        Assert.Contains(remote, server.Output); // every connection is listed
        Assert.False(server.Process.HasExited);
    }

    [Fact]
    public async Task SIGTERM_stops_accepting_completes_in_flight_echo_and_exits_0()
    {
        await using var server = await ServerProcess.StartAsync();
        using var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync(IPAddress.Loopback, server.EchoPort);
        var stream = client.GetStream();
        var payload = new byte[2 * 1024 * 1024];
        new Random(9).NextBytes(payload);
        var received = new byte[payload.Length];
        var reader = stream.ReadExactlyAsync(received).AsTask();
        await stream.WriteAsync(payload.AsMemory(0, payload.Length / 2));

        Assert.Equal(0, Kill(server.Process.Id, SIGTERM));
        bool refused = false;
        for (int i = 0; i < 100 && !refused; i++)
        {
            using var probe = new TcpClient(AddressFamily.InterNetwork);
            try { await probe.ConnectAsync(IPAddress.Loopback, server.EchoPort); await Task.Delay(20); }
            catch (SocketException) { refused = true; }
        }
        Assert.True(refused, "the server still accepts connections after SIGTERM");
        await stream.WriteAsync(payload.AsMemory(payload.Length / 2)); // the open connection is still served
        await reader.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(payload, received);
        Assert.Equal(0, await stream.ReadAsync(new byte[1]).AsTask().WaitAsync(TimeSpan.FromSeconds(20)));

        await server.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, server.Process.ExitCode);
    }
}
