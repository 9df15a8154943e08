using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Api;

/// <summary>Managed process groups through the API of the real server, checked against /proc from outside.</summary>
public class ProcessApiTests(ProcessServerFixture fixture) : IClassFixture<ProcessServerFixture>
{
    private ServerProcess Server => fixture.Server;

    [Theory]
    [InlineData("GET", "/api/processes")]
    [InlineData("POST", "/api/programs/demo-pipeline/start")]
    [InlineData("POST", "/api/signals")]
    [InlineData("POST", "/api/groups/1/kill")]
    public async Task Every_process_route_needs_the_password(string method, string path)
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_declared_programs_and_the_signal_allowlist_are_listed()
    {
        var state = await Server.GetJsonAsync("/api/processes");
        Assert.Equal(Server.Process.Id, state.GetProperty("serverPid").GetInt32());
        Assert.Equal(["demo-pipeline", "stubborn"], state.GetProperty("programs").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var signals = state.GetProperty("signals").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains("TERM", signals);
        Assert.Contains("HUP", signals);
        Assert.Equal(1, state.GetProperty("killGraceSeconds").GetDouble());
    }

    [Fact]
    public async Task A_pipeline_group_is_found_stopped_continued_and_killed_leaving_nothing_in_proc()
    {
        int pgid = await StartAsync("demo-pipeline");
        try
        {
            var members = await MembersAsync(pgid, m => m.Count == 3);
            Assert.Equal(2, members.Count(m => m.GetProperty("command").GetString() == "sleep 600"));
            foreach (var m in members) Assert.Equal(pgid, ProcStat.Pgid(m.GetProperty("pid").GetInt32())); // the kernel agrees

            var stop = await SignalAsync("group", pgid, "STOP");
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
            Assert.True((await stop.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sent").GetBoolean());
            await MembersAsync(pgid, m => m.Count == 3 && m.All(x => x.GetProperty("state").GetString() == "T"));
            Assert.Equal(HttpStatusCode.OK, (await SignalAsync("group", pgid, "SIGCONT")).StatusCode);
            await MembersAsync(pgid, m => m.Count == 3 && m.All(x => x.GetProperty("state").GetString() != "T"));
            await AuditedAsync($"SIGSTOP to group {pgid}");

            var result = await KillAsync(pgid);
            Assert.False(result.GetProperty("escalated").GetBoolean());
            Assert.All(result.GetProperty("members").EnumerateArray(), m => Assert.Equal("TERM", m.GetProperty("endedAfter").GetString()));
            Assert.Empty(result.GetProperty("remaining").EnumerateArray());
            Assert.Empty(ProcStat.InGroup(pgid)); // no member, no zombie
            var state = await Server.GetJsonAsync("/api/processes");
            Assert.DoesNotContain(state.GetProperty("groups").EnumerateArray(), g => g.GetProperty("pgid").GetInt32() == pgid);
            Assert.Contains(state.GetProperty("recentExits").EnumerateArray(), e => e.GetProperty("pid").GetInt32() == pgid && e.GetProperty("description").GetString() == "killed by SIGTERM");
            await AuditedAsync($"kill group {pgid} (demo-pipeline)");
        }
        finally { await Server.Api.PostAsync($"/api/groups/{pgid}/kill", null); }
    }

    [Fact]
    public async Task A_member_that_ignores_TERM_is_killed_by_SIGKILL_after_the_grace_period()
    {
        int pgid = await StartAsync("stubborn");
        try
        {
            await MembersAsync(pgid, m => m.Any(x => x.GetProperty("command").GetString() == "sleep 600"));
            var clock = Stopwatch.StartNew();
            var result = await KillAsync(pgid);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9));
            Assert.True(result.GetProperty("escalated").GetBoolean());
            Assert.All(result.GetProperty("members").EnumerateArray(), m => Assert.Equal("KILL", m.GetProperty("endedAfter").GetString()));
            Assert.Empty(ProcStat.InGroup(pgid));
        }
        finally { await Server.Api.PostAsync($"/api/groups/{pgid}/kill", null); }
    }

    [Fact]
    public async Task A_signal_to_one_member_pid_is_sent_and_audited()
    {
        int pgid = await StartAsync("demo-pipeline");
        try
        {
            var members = await MembersAsync(pgid, m => m.Count == 3);
            int sleepPid = members.First(m => !m.GetProperty("isLeader").GetBoolean()).GetProperty("pid").GetInt32();
            var response = await SignalAsync("process", sleepPid, "TERM");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(sleepPid, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("killPid").GetInt32());
            await MembersAsync(pgid, m => m.All(x => x.GetProperty("pid").GetInt32() != sleepPid || x.GetProperty("state").GetString() == "Z"));
            await AuditedAsync($"SIGTERM to process {sleepPid}");
        }
        finally { await Server.Api.PostAsync($"/api/groups/{pgid}/kill", null); }
    }

    [Fact]
    public async Task The_server_itself_accepts_a_harmless_signal()
    {
        // CONT rather than HUP: HUP's default action ends a process, and this test must not depend
        // on the server's SIGHUP (reload) handler being present.
        var response = await SignalAsync("self", null, "CONT");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Server.Process.Id, body.GetProperty("killPid").GetInt32());
        await AuditedAsync("SIGCONT to the server");
    }

    [Theory]
    [InlineData("process", -1, "TERM", 400, "every process")]
    [InlineData("process", 0, "TERM", 400, "own process group")]
    [InlineData("process", 1, "TERM", 403, "neither the server")]
    [InlineData("group", 1, "TERM", 403, "not a managed process group")]
    [InlineData("group", 0, "TERM", 400, "refused")]
    [InlineData("self", null, "BOGUS", 400, "TERM")]
    [InlineData("self", null, "STOP", 400, "SIGCONT")]
    public async Task Forbidden_targets_and_signals_are_refused_with_problem_json(string kind, int? id, string signal, int status, string reason)
    {
        var response = await SignalAsync(kind, id, signal);
        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("not json", "JSON")]
    [InlineData("""{"signal": "TERM"}""", "target")]
    [InlineData("""{"target": {"kind": "pid", "id": 5}, "signal": "TERM"}""", "target.kind")]
    [InlineData("""{"target": {"kind": "process"}, "signal": "TERM"}""", "target.id")]
    [InlineData("""{"target": {"kind": "process", "id": 5}}""", "signal")]
    public async Task A_malformed_signal_request_is_a_400_naming_the_field(string body, string named)
    {
        var response = await Server.Api.PostAsync("/api/signals", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Starting_an_undeclared_program_or_killing_an_unmanaged_group_is_a_404()
    {
        var start = await Server.Api.PostAsync("/api/programs/rm-rf/start", null);
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        Assert.Contains("demo-pipeline", (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Api.PostAsync("/api/groups/1/kill", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Server.Api.PostAsync("/api/groups/0/kill", null)).StatusCode);
        // State changes are POST only: a GET (a link, a prefetch) starts nothing.
        Assert.False((await Server.Api.GetAsync("/api/programs/demo-pipeline/start")).IsSuccessStatusCode);
        var state = await Server.GetJsonAsync("/api/processes");
        Assert.DoesNotContain(state.GetProperty("groups").EnumerateArray(), g => g.GetProperty("program").GetString() == "demo-pipeline");
    }

    [Fact]
    public async Task An_invalid_program_declaration_stops_the_start_naming_the_key()
    {
        string config = ServerProcess.WriteConfig(extraSections: """ "Programs": [ { "Name": "x" } ] """);
        try
        {
            using var p = ServerProcess.Launch(config);
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(2, p.ExitCode);
            Assert.Contains("Programs:0:Command", await stderr);
        }
        finally { File.Delete(config); }
    }

    private async Task<int> StartAsync(string program)
    {
        var response = await Server.Api.PostAsync($"/api/programs/{program}/start", null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("group").GetProperty("pgid").GetInt32();
    }

    private Task<HttpResponseMessage> SignalAsync(string kind, int? id, string signal) =>
        Server.Api.PostAsJsonAsync("/api/signals", new { target = new { kind, id }, signal });

    private async Task<JsonElement> KillAsync(int pgid)
    {
        var response = await Server.Api.PostAsync($"/api/groups/{pgid}/kill", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The group's members from the API, polled (bounded) until <paramref name="done"/> holds.</summary>
    private async Task<List<JsonElement>> MembersAsync(int pgid, Func<List<JsonElement>, bool> done)
    {
        var clock = Stopwatch.StartNew();
        List<JsonElement> members = [];
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var state = await Server.GetJsonAsync("/api/processes");
            var group = state.GetProperty("groups").EnumerateArray().FirstOrDefault(g => g.GetProperty("pgid").GetInt32() == pgid);
            members = group.ValueKind == JsonValueKind.Object ? [.. group.GetProperty("members").EnumerateArray()] : [];
            if (done(members)) return members;
            await Task.Delay(50);
        }
        throw new TimeoutException($"group {pgid} never reached the expected state: {string.Join("; ", members)}");
    }

    private async Task AuditedAsync(string action)
    {
        var clock = Stopwatch.StartNew();
        while (!Server.Output.Contains($"Audit signal by admin@127.0.0.1: {action}") && clock.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(50);
        Assert.Contains($"Audit signal by admin@127.0.0.1: {action}", Server.Output);
    }
}
