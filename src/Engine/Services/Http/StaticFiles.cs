using System.Collections.Concurrent;
using System.Text;
using AdminServer.Engine.Buffers;
using AdminServer.Engine.Native;

namespace AdminServer.Engine.Services.Http;

/// <summary>
/// The files under the root: looked up by normalized path, checked to stay under the root once every
/// symlink is resolved, cached (small bodies in memory), and looked at again at most once a second so a
/// changed file is served fresh. Shared by every loop and worker, so lookups are lock-free.
/// </summary>
internal sealed class StaticFiles
{
    public const int MaxCachedBody = 64 * 1024;
    private const int MaxEntries = 4096;
    private const long RecheckMs = 1000;

    private readonly string _root;
    private readonly ConcurrentDictionary<string, FileEntry> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FileEntry>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StaticFiles(string root)
    {
        _root = Paths.Real(root) ?? throw new DirectoryNotFoundException($"Http:Root '{root}' does not exist");
        _lookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Root => _root;

    public enum Outcome { Found, NotFound, Redirect }

    /// <summary>
    /// The file for <paramref name="path"/> (normalized: "/" separated, no "." or ".." segments, starting
    /// with "/"). A directory serves its index.html; asked without its trailing slash it is a redirect.
    /// </summary>
    public Outcome Find(ReadOnlySpan<char> path, long nowMs, out FileEntry? entry)
    {
        if (_lookup.TryGetValue(path, out entry) && nowMs - entry.CheckedAtMs < RecheckMs) return Outcome.Found;
        return Load(path.ToString(), entry, nowMs, out entry);
    }

    private Outcome Load(string path, FileEntry? previous, long nowMs, out FileEntry? entry)
    {
        entry = null;
        string full = Path.Join(_root, path);
        if (Directory.Exists(full))
        {
            if (!path.EndsWith('/')) return Outcome.Redirect;
            full = Path.Join(full, "index.html");
        }
        // Whatever the symlinks say, the file must be under the root.
        string? real = Paths.Real(full);
        if (real is null || !real.StartsWith(_root + "/", StringComparison.Ordinal)) { _cache.TryRemove(path, out _); return Outcome.NotFound; }
        var info = new FileInfo(real);
        if (!info.Exists) { _cache.TryRemove(path, out _); return Outcome.NotFound; }
        if (previous is not null && previous.WrittenUtc == info.LastWriteTimeUtc && previous.Length == info.Length && previous.FullPath == real)
        {
            entry = previous with { CheckedAtMs = nowMs };
        }
        else
        {
            byte[]? body = null;
            if (info.Length <= MaxCachedBody)
            {
                try { body = File.ReadAllBytes(real); }
                catch (IOException) { return Outcome.NotFound; }
                catch (UnauthorizedAccessException) { return Outcome.NotFound; }
                if (body.Length != info.Length) body = null; // changed while we read it: send it from disk this time
            }
            entry = Create(real, info, body, nowMs);
        }
        if (_cache.Count >= MaxEntries) _cache.Clear(); // bounded: a scan of many paths cannot grow it without end
        _cache[path] = entry;
        return Outcome.Found;
    }

    private static FileEntry Create(string real, FileInfo info, byte[]? body, long nowMs)
    {
        var written = info.LastWriteTimeUtc;
        string lastModified = HttpDate.Format(new DateTimeOffset(written));
        // nginx's ETag: hex of the modification time (seconds) and the size.
        string etag = $"\"{new DateTimeOffset(written).ToUnixTimeSeconds():x}-{info.Length:x}\"";
        var headers = Encoding.ASCII.GetBytes(
            $"Content-Type: {MimeTypes.For(real)}\r\nContent-Length: {info.Length}\r\nLast-Modified: {lastModified}\r\nETag: {etag}\r\n");
        return new FileEntry(real, headers, Encoding.ASCII.GetBytes(lastModified), Encoding.ASCII.GetBytes(etag), info.Length, body, written, nowMs);
    }

    /// <summary>Opens the file for one response (sendfile reads it; the range closes it when sent); null if it is gone.</summary>
    public static FileRange? Open(FileEntry entry)
    {
        int fd = LibC.Open(entry.FullPath, Consts.O_RDONLY | Consts.O_CLOEXEC);
        return fd < 0 ? null : new FileRange(fd, 0, entry.Length, ownsFd: true);
    }
}
