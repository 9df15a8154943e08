using System.Net.Http.Json;
using System.Text.Json;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Api;

/// <summary>SIGCHLD reaches the engine loop and reaps a managed program that exits on its own.</summary>
public class ChildReapingTests
{
    [Fact]
    public async Task A_program_that_exits_by_itself_is_reaped_on_SIGCHLD_and_its_status_is_in_the_events()
    {
        await using var server = await ServerProcess.StartAsync(extraSections: """
            "Programs": [ { "Name": "short", "Command": "sleep 0.2; exit 3" } ]
            """);
        var start = await server.Api.PostAsync("/api/programs/short/start", null);
        start.EnsureSuccessStatusCode();
        int pid = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("group").GetProperty("leaderPid").GetInt32();

        var exited = await Poll.UntilAsync(
            async () => (await server.GetJsonAsync("/api/events")).EnumerateArray().FirstOrDefault(e =>
                e.GetProperty("category").GetString() == "process" && e.GetProperty("action").GetString()!.Contains($"pid {pid} ")),
            e => e.ValueKind != JsonValueKind.Undefined);
        Assert.NotEqual(JsonValueKind.Undefined, exited.ValueKind);
        Assert.Equal("kernel", exited.GetProperty("actor").GetString());
        Assert.Equal("exit 3", exited.GetProperty("result").GetString());
        Assert.False(File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Contains(") Z "), "the child is a zombie");
    }
}
