using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Security;

/// <summary>
/// Item 3's audit trail: an append-only JSON-lines file, rotated by size, read back at start (so it
/// survives a restart, ids continuing), and paged through by GET /api/events?before=&amp;max= across the
/// rotated files, so thousands of new entries never hide the old ones.
/// </summary>
public class AuditFileTests
{
    [Fact]
    public async Task The_audit_log_survives_a_restart_and_its_ids_continue()
    {
        string config = ServerProcess.WriteConfig();
        long reloadId;
        await using (var first = await ServerProcess.StartAsync(configFile: config))
        {
            first.KeepFiles = true;
            (await first.Api.PostAsync("/api/reload", null)).EnsureSuccessStatusCode();
            reloadId = (await first.GetJsonAsync("/api/events?max=1")).EnumerateArray().Single().GetProperty("id").GetInt64();
        }
        await using var second = await ServerProcess.StartAsync(configFile: config);
        var events = (await second.GetJsonAsync("/api/events")).EnumerateArray().ToList();
        var kept = Assert.Single(events, e => e.GetProperty("id").GetInt64() == reloadId);
        Assert.Equal("reload", kept.GetProperty("category").GetString());
        (await second.Api.PostAsync("/api/reload", null)).EnsureSuccessStatusCode();
        long next = (await second.GetJsonAsync("/api/events?max=1")).EnumerateArray().Single().GetProperty("id").GetInt64();
        Assert.True(next > reloadId, $"new id {next} after {reloadId}");
    }

    [Fact]
    public async Task Thousands_of_entries_rotate_files_and_paging_still_reaches_the_first_one()
    {
        await using var server = await ServerProcess.StartAsync(auditJson: "\"MaxFileBytes\": 65536, \"MaxFiles\": 30");
        (await server.Api.PostAsync("/api/reload", null)).EnsureSuccessStatusCode(); // the entry a flood must not erase
        // 2,500 audited actions, more than the in-memory cache holds: refused signals (pid 0), each audited with its refusal.
        // (Not a PATCH to the timer already in force: a PATCH that changes nothing is no longer audited as a switch.)
        await Parallel.ForEachAsync(Enumerable.Range(0, 2500), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, _) =>
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await server.Api.PostAsync("/api/signals",
                new StringContent("""{"target":{"kind":"process","id":0},"signal":"TERM"}""", Encoding.UTF8, "application/json"))).StatusCode));

        Assert.True(File.Exists(server.AuditFile + ".3"), "the file was not rotated");
        var ids = new List<long>();
        string? next = "/api/events?max=1000";
        JsonElement? oldest = null;
        while (next is not null)
        {
            var response = await server.Api.GetAsync(next);
            response.EnsureSuccessStatusCode();
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            foreach (var e in page.EnumerateArray()) { ids.Add(e.GetProperty("id").GetInt64()); oldest = e; }
            next = response.Headers.TryGetValues("Link", out var link) ? link.Single().Split('<', '>')[1] : null;
        }
        // Every entry, newest first, none missing, none twice, down to the very first one.
        Assert.Equal(2501, ids.Count);
        Assert.Equal(Enumerable.Range(1, 2501).Select(i => (long)i).Reverse(), ids);
        Assert.Equal("reload", oldest!.Value.GetProperty("category").GetString());
    }

    [Fact]
    public async Task A_page_is_bounded_and_a_bad_cursor_is_a_400()
    {
        await using var server = await ServerProcess.StartAsync();
        for (int i = 0; i < 5; i++) (await server.Api.PostAsync("/api/reload", null)).EnsureSuccessStatusCode();
        var page = (await server.GetJsonAsync("/api/events?max=2")).EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([5, 4], page);
        var older = (await server.GetJsonAsync("/api/events?before=4&max=2")).EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([3, 2], older);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await server.Api.GetAsync("/api/events?before=0")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await server.Api.GetAsync("/api/events?before=abc")).StatusCode);
    }
}
