using AdminServer.AdminUi.Services;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminServer.UnitTests.Services;

public sealed class AuditFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adminserver-unit-").FullName;

    private string PathOf => Path.Combine(_dir, "sub", "audit.jsonl");

    private AuditLog Open(long maxFileBytes = 1 << 20, int maxFiles = 4) =>
        new(new AuditFile(PathOf, maxFileBytes, maxFiles, NullLogger.Instance), NullLogger<AuditLog>.Instance);

    [Fact]
    public void Entries_are_read_back_by_a_new_log_and_ids_continue()
    {
        var first = Open();
        for (int i = 0; i < 3; i++) first.Add("test", "me", $"action {i}", "ok");
        var second = Open();
        Assert.Equal([3L, 2, 1], second.Snapshot().Select(e => e.Id));
        Assert.Equal(4, second.Add("test", "me", "after", "ok").Id);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf));
    }

    [Fact]
    public void Rotation_keeps_at_most_max_files_and_paging_crosses_them()
    {
        var log = Open(maxFileBytes: 4096, maxFiles: 3);
        for (int i = 0; i < 200; i++) log.Add("test", "me", $"action {i}", new string('x', 100));
        Assert.True(File.Exists(PathOf + ".1"));
        Assert.True(File.Exists(PathOf + ".2"));
        Assert.False(File.Exists(PathOf + ".3"));
        Assert.All(Directory.GetFiles(Path.GetDirectoryName(PathOf)!), f => Assert.True(new FileInfo(f).Length <= 4096));

        var fresh = Open(maxFileBytes: 4096, maxFiles: 3);
        var ids = new List<long>();
        long? before = null;
        while (fresh.Page(before, 7) is { Count: > 0 } page)
        {
            ids.AddRange(page.Select(e => e.Id));
            before = page[^1].Id;
        }
        // Newest first, contiguous, down to the oldest entry still on disk.
        Assert.Equal(200, ids[0]);
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(i => 200L - i), ids);
        Assert.True(ids.Count > 40, $"only {ids.Count} entries kept in three 4 KiB files");
    }

    [Fact]
    public void A_line_cut_short_by_a_crash_is_skipped()
    {
        var log = Open();
        log.Add("test", "me", "whole", "ok");
        File.AppendAllText(PathOf, "{\"id\":2,\"at\":\"2026-");
        var reopened = Open();
        Assert.Equal([1L], reopened.Snapshot().Select(e => e.Id));
    }

    [Fact]
    public void Control_characters_and_lone_surrogates_are_escaped_before_they_are_written()
    {
        var log = Open();
        var entry = log.Add("test", "me\r\nforged", "start a\u001b[31mb\ud800", "ok");
        Assert.Equal("me\\r\\nforged", entry.Actor);
        Assert.Equal("start a\\u001b[31mb\uFFFD", entry.Action);
        Assert.Single(File.ReadAllLines(PathOf));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
