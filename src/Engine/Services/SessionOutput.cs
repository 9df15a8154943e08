using AdminServer.Engine.Buffers;

namespace AdminServer.Engine.Services;

/// <summary>
/// The reusable reply buffer of one I/O thread: reset before each session call, read by the
/// engine after it. Grows to the largest reply seen and stays that size, so the hot path
/// allocates nothing once warm.
/// </summary>
internal sealed class SessionOutput(int threadSlot) : ISessionOutput
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _written;
    private readonly List<(int At, FileRange File)> _files = [];

    public int Written => _written;

    public bool CloseRequested { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>Files to send, each after the bytes written before it (at its position in <see cref="WrittenSpan"/>).</summary>
    public IReadOnlyList<(int At, FileRange File)> Files => _files;

    public long NowMs { get; private set; }

    public int ThreadSlot { get; } = threadSlot;

    public void Reset(long nowMs)
    {
        NowMs = nowMs;
        _written = 0;
        _files.Clear();
        CloseRequested = false;
    }

    public void SendFile(FileRange file) => _files.Add((_written, file));

    /// <summary>
    /// Everything written, in order, as bytes: files are read into <paramref name="queue"/> (the simulated
    /// proactor's worker hands the loop bytes only; reading the file is blocking work, which is the worker's to do).
    /// </summary>
    public unsafe string? CopyTo(ByteQueue queue)
    {
        int pos = 0;
        string? error = null;
        Span<byte> chunk = stackalloc byte[16 * 1024];
        foreach (var (at, file) in _files)
        {
            queue.Append(_buffer.AsSpan(pos, at - pos));
            pos = at;
            while (error is null && file.Remaining > 0)
            {
                nint n;
                fixed (byte* p = chunk) n = Native.LibC.PRead(file.Fd, p, (nuint)Math.Min(chunk.Length, file.Remaining), file.Offset);
                if (n <= 0) { error = "file read failed"; break; }
                queue.Append(chunk[..(int)n]);
                file.Offset += n;
                file.Remaining -= n;
            }
            file.Release();
        }
        queue.Append(_buffer.AsSpan(pos, _written - pos));
        _files.Clear();
        _written = 0;
        return error;
    }

    /// <summary>Everything written, in order, into <paramref name="queue"/> (files as file ranges).</summary>
    public void MoveTo(OutputQueue queue)
    {
        int pos = 0;
        foreach (var (at, file) in _files)
        {
            queue.Append(_buffer.AsSpan(pos, at - pos));
            queue.AppendFile(file);
            pos = at;
        }
        queue.Append(_buffer.AsSpan(pos, _written - pos));
        _files.Clear();
        _written = 0;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _written += bytes.Length;
    }

    public void CloseAfterFlush() => CloseRequested = true;

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        int need = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= need) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _written + need));
    }
}
