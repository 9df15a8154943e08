using System.Net;
using System.Text.Json;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Api;

/// <summary>Programs supervised the Supervisor way, against the real process: BACKOFF → FATAL, autorestart, stop, the captured log.</summary>
public class SupervisorTests
{
    private const string Sections = """
        "Processes": { "KillGraceSeconds": 1 },
        "Programs": [
          { "Name": "flaky", "Command": "echo flaky starting; exit 3", "StartSeconds": 1, "StartRetries": 2 },
          { "Name": "crasher", "Command": "echo crasher pid $$; sleep 1; exit 4", "StartSeconds": 0.5, "Autorestart": "true" },
          { "Name": "steady", "Command": "echo steady up; sleep 600", "StartSeconds": 0.2 }
        ]
        """;

    private static async Task<JsonElement> ProgramAsync(ServerProcess server, string name) =>
        (await server.GetJsonAsync("/api/processes")).GetProperty("programs").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    private static string State(JsonElement program) => program.GetProperty("state").GetString()!;

    [Fact]
    public async Task A_program_that_exits_at_once_goes_BACKOFF_then_FATAL_and_one_that_dies_later_is_restarted()
    {
        await using var server = await ServerProcess.StartAsync(extraSections: Sections);
        Assert.Equal("STOPPED", State(await ProgramAsync(server, "flaky")));
        Assert.Equal(HttpStatusCode.OK, (await server.Api.PostAsync("/api/programs/flaky/start", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Api.PostAsync("/api/programs/crasher/start", null)).StatusCode);

        var backoff = await Poll.UntilAsync(() => ProgramAsync(server, "flaky"), p => State(p) == "BACKOFF");
        Assert.Equal("BACKOFF", State(backoff));
        // Retries after 1 s, then 2 s; the third failure (> StartRetries 2) is FATAL.
        var fatal = await Poll.UntilAsync(() => ProgramAsync(server, "flaky"), p => State(p) == "FATAL", seconds: 15);
        Assert.Equal("FATAL", State(fatal));
        Assert.Equal(3, fatal.GetProperty("backoff").GetInt32());
        Assert.Contains("Exited too quickly", fatal.GetProperty("description").GetString());
        // Its output (three starts) is in its log.
        static int Starts(string log) => log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l == "flaky starting");
        // The output arrives through the capture pipe's reader, a moment after the exit may have been reaped.
        var flakyLog = await Poll.UntilAsync(() => server.Api.GetStringAsync("/api/programs/flaky/log?tail=10"), l => Starts(l) >= 3);
        Assert.True(Starts(flakyLog) == 3, flakyLog);

        // crasher reaches RUNNING (0.5 s), dies after 1 s with exit 4, and Autorestart true starts it again.
        var restarted = await Poll.UntilAsync(() => ProgramAsync(server, "crasher"), p => p.GetProperty("restarts").GetInt32() >= 2, seconds: 15);
        Assert.True(restarted.GetProperty("restarts").GetInt32() >= 2, restarted.ToString());
        Assert.Equal(4, restarted.GetProperty("lastExit").GetProperty("exitCode").GetInt32());
        var log = await server.Api.GetStringAsync("/api/programs/crasher/log?tail=100");
        var pids = log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("crasher pid ", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(pids.Count >= 3, log);
        Assert.Equal(2, (await server.Api.GetStringAsync("/api/programs/crasher/log?tail=2")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // Stopped by an operator, it stays STOPPED.
        using var stop = await server.Api.PostAsync("/api/programs/crasher/stop", null);
        var stopped = await Poll.UntilAsync(() => ProgramAsync(server, "crasher"), p => State(p) == "STOPPED");
        Assert.Equal("STOPPED", State(stopped));
        await Task.Delay(1500);
        Assert.Equal("STOPPED", State(await ProgramAsync(server, "crasher")));
        var events = (await server.GetJsonAsync("/api/events")).EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("stop program crasher", events);
    }

    [Fact]
    public async Task Stop_restart_log_and_resources_of_a_running_program()
    {
        await using var server = await ServerProcess.StartAsync(extraSections: Sections);
        Assert.Equal(HttpStatusCode.Conflict, (await server.Api.PostAsync("/api/programs/steady/stop", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Api.PostAsync("/api/programs/steady/start", null)).StatusCode);
        var running = await Poll.UntilAsync(() => ProgramAsync(server, "steady"), p => State(p) == "RUNNING");
        Assert.Equal("RUNNING", State(running));
        int pid = running.GetProperty("pid").GetInt32();
        Assert.StartsWith($"pid {pid}, uptime ", running.GetProperty("description").GetString());
        Assert.True(running.GetProperty("uptimeSeconds").GetDouble() >= 0);
        var members = (await server.GetJsonAsync("/api/processes")).GetProperty("groups").EnumerateArray()
            .Single(g => g.GetProperty("pgid").GetInt32() == pid).GetProperty("members").EnumerateArray().ToList();
        Assert.All(members, m => Assert.True(m.GetProperty("rssBytes").GetInt64() > 0));
        Assert.All(members, m => Assert.True(m.GetProperty("cpuSeconds").GetDouble() >= 0));
        var log = await Poll.UntilAsync(() => server.Api.GetStringAsync("/api/programs/steady/log"), l => l.Contains("steady up"));
        Assert.Equal("steady up\n", log);

        using var restart = await server.Api.PostAsync("/api/programs/steady/restart", null);
        Assert.Equal(HttpStatusCode.OK, restart.StatusCode);
        var again = await Poll.UntilAsync(() => ProgramAsync(server, "steady"), p => State(p) == "RUNNING" && p.GetProperty("pid").GetInt32() != pid);
        Assert.NotEqual(pid, again.GetProperty("pid").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await server.Api.PostAsync("/api/programs/steady/stop", null)).StatusCode);
        Assert.Equal("STOPPED", State(await ProgramAsync(server, "steady")));

        Assert.Equal(HttpStatusCode.NotFound, (await server.Api.GetAsync("/api/programs/nope/log")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Api.GetAsync("/api/programs/steady/log?tail=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Api.PostAsync("/api/programs/nope/restart", null)).StatusCode);
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/programs/steady/log")).StatusCode);
    }

    [Fact]
    public async Task A_member_killed_directly_shows_in_recent_exits()
    {
        await using var server = await ServerProcess.StartAsync(extraSections: """
            "Processes": { "KillGraceSeconds": 1 },
            "Programs": [ { "Name": "pipeline", "Command": "sleep 600 | sleep 600" } ]
            """);
        var started = await server.Api.PostAsync("/api/programs/pipeline/start", null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        int pgid = (await ProgramAsync(server, "pipeline")).GetProperty("pid").GetInt32();
        var group = await Poll.UntilAsync(async () => (await server.GetJsonAsync("/api/processes")).GetProperty("groups").EnumerateArray()
            .Single(g => g.GetProperty("pgid").GetInt32() == pgid),
            // Seen at least a second old (younger ones are not reported: a shell loop's children would flood the list).
            g => g.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("uptimeSeconds").GetDouble() >= 1.3) == 3);
        int member = group.GetProperty("members").EnumerateArray().First(m => !m.GetProperty("isLeader").GetBoolean()).GetProperty("pid").GetInt32();
        Signals.Send(member, 9); // from outside the server: its parent (the shell) reaps it, not the server
        var exits = await Poll.UntilAsync(async () => (await server.GetJsonAsync("/api/processes")).GetProperty("recentExits"),
            e => e.EnumerateArray().Any(x => x.GetProperty("pid").GetInt32() == member));
        var exit = exits.EnumerateArray().Single(x => x.GetProperty("pid").GetInt32() == member);
        Assert.Equal("pipeline", exit.GetProperty("program").GetString());
        Assert.Equal(pgid, exit.GetProperty("reapedBy").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await server.Api.PostAsync("/api/programs/pipeline/stop", null)).StatusCode);
    }
}
