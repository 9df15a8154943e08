using System.Text;
using System.Text.Json;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// The audit log on disk: one JSON object per line, appended and flushed as each entry is made,
/// rotated by size (<c>audit.jsonl</c> → <c>audit.jsonl.1</c> → … → deleted past MaxFiles), like
/// logrotate. Read back newest first for paging. One lock orders appends, rotation and reads, so a
/// reader never sees a file half renamed. Only this process writes the file.
/// </summary>
public sealed class AuditFile : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly object _gate = new();
    private readonly long _maxFileBytes;
    private readonly int _maxFiles;
    private readonly ILogger _logger;
    private FileStream? _current;
    private bool _failing;

    public AuditFile(string path, long maxFileBytes, int maxFiles, ILogger logger)
    {
        Path = path;
        _maxFileBytes = maxFileBytes;
        _maxFiles = maxFiles;
        _logger = logger;
    }

    public string Path { get; }

    /// <summary>Appends one entry; false (and an error in the log) when the disk refused it. Never throws.</summary>
    public bool Append(AuditEntry entry)
    {
        byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        lock (_gate)
        {
            try
            {
                var stream = _current ??= Open();
                if (stream.Length > 0 && stream.Length + line.Length > _maxFileBytes)
                {
                    Rotate();
                    stream = _current = Open();
                }
                stream.Write(line);
                stream.Flush();
                if (_failing) _logger.LogWarning("Audit file {Path} is writable again", Path);
                _failing = false;
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _current?.Dispose();
                _current = null;
                // Once per outage, not once per entry: a full disk must not also flood the log.
                if (!_failing) _logger.LogError("Audit entry {Id} could not be written to {Path}: {Error}", entry.Id, Path, e.Message);
                _failing = true;
                return false;
            }
        }
    }

    /// <summary>
    /// Newest first: up to <paramref name="max"/> entries whose id is below <paramref name="beforeId"/>
    /// (all ids when null), from the current file and then the rotated ones. Lines that do not parse
    /// (a write cut short by a crash) are skipped.
    /// </summary>
    public List<AuditEntry> ReadNewest(long? beforeId, int max)
    {
        var result = new List<AuditEntry>();
        lock (_gate)
        {
            _current?.Flush();
            for (int i = 0; i < _maxFiles && result.Count < max; i++)
            {
                string name = FileName(i);
                if (!File.Exists(name)) continue;
                try { ReadFile(name, beforeId, max - result.Count, result); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    _logger.LogWarning("Audit file {Path} could not be read: {Error}", name, e.Message);
                    throw;
                }
            }
        }
        return result;
    }

    /// <summary>Adds the newest <paramref name="need"/> entries of one file with id below the bound, newest first.</summary>
    private static void ReadFile(string name, long? beforeId, int need, List<AuditEntry> into)
    {
        using var reader = new StreamReader(new FileStream(name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), Encoding.UTF8);
        var window = new Queue<AuditEntry>(Math.Min(need, 1024));
        bool first = true;
        while (reader.ReadLine() is { } line)
        {
            if (Parse(line) is not { } entry) continue;
            // Ids grow through a file: if its first entry is already too new, all of it is.
            if (first && beforeId is { } b0 && entry.Id >= b0) return;
            first = false;
            if (beforeId is { } b && entry.Id >= b) break;
            window.Enqueue(entry);
            if (window.Count > need) window.Dequeue();
        }
        into.AddRange(window.Reverse());
    }

    private static AuditEntry? Parse(string line)
    {
        if (line.Length == 0) return null;
        try { return JsonSerializer.Deserialize<AuditEntry>(line, Json); }
        catch (JsonException) { return null; }
    }

    private FileStream Open()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read | FileShare.Delete };
        // Who did what to the server is for the server's owner only.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(Path, options);
    }

    /// <summary>audit.jsonl.(N-2) → .(N-1) (the oldest is replaced), …, audit.jsonl → .1.</summary>
    private void Rotate()
    {
        _current?.Dispose();
        _current = null;
        for (int i = _maxFiles - 2; i >= 0; i--)
            if (File.Exists(FileName(i))) File.Move(FileName(i), FileName(i + 1), overwrite: true);
        _logger.LogInformation("Audit file {Path} rotated (over {Max} bytes)", Path, _maxFileBytes);
    }

    private string FileName(int generation) => generation == 0 ? Path : $"{Path}.{generation}";

    public void Dispose()
    {
        lock (_gate)
        {
            _current?.Dispose();
            _current = null;
        }
    }
}
