namespace AdminServer.Engine.Buffers;

/// <summary>
/// A connection's unsent output, in order: bytes (pooled segments) with file ranges between them,
/// each file placed at the byte position where it was queued. Not thread-safe: one owner at a time.
/// </summary>
public sealed class OutputQueue
{
    /// <summary>What a queued file range counts for in <see cref="MemoryLength"/>: bounds how many a peer can make us queue.</summary>
    private const int FileCost = 4096;

    private readonly ByteQueue _bytes = new();
    private readonly Queue<(long At, FileRange File)> _files = new();
    private long _appended;
    private long _consumed;

    public bool IsEmpty => _bytes.IsEmpty && _files.Count == 0;

    /// <summary>Bytes held in memory plus a fixed cost per queued file: what backpressure limits.</summary>
    public int MemoryLength => _bytes.Length + _files.Count * FileCost;

    public void Append(ReadOnlySpan<byte> data)
    {
        _bytes.Append(data);
        _appended += data.Length;
    }

    public void AppendFile(FileRange file) => _files.Enqueue((_appended, file));

    /// <summary>The file to send now, if the bytes queued before it are all sent.</summary>
    public FileRange? HeadFile => _files.TryPeek(out var f) && f.At == _consumed ? f.File : null;

    /// <summary>The longest contiguous run of bytes to send before the next file.</summary>
    public ReadOnlySpan<byte> PeekBytes()
    {
        var span = _bytes.Peek();
        if (_files.TryPeek(out var f) && f.At - _consumed < span.Length) span = span[..(int)(f.At - _consumed)];
        return span;
    }

    public void ConsumeBytes(int n)
    {
        _bytes.Consume(n);
        _consumed += n;
    }

    /// <summary>The head file's range moved on by <paramref name="n"/> bytes; dropped (and its fd closed if owned) once complete.</summary>
    public void FileSent(long n)
    {
        var (_, file) = _files.Peek();
        file.Offset += n;
        file.Remaining -= n;
        if (file.Remaining > 0) return;
        _files.Dequeue();
        file.Release();
    }

    public void MoveFrom(ByteQueue source)
    {
        while (!source.IsEmpty)
        {
            var span = source.Peek();
            Append(span);
            source.Consume(span.Length);
        }
    }

    /// <summary>Drops everything (the connection closes): pooled segments returned, owned fds closed.</summary>
    public void Clear()
    {
        _bytes.Clear();
        while (_files.TryDequeue(out var f)) f.File.Release();
        _appended = _consumed = 0;
    }
}
