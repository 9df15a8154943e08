namespace AdminServer.Engine.Services;

/// <summary>
/// The reusable reply buffer of one I/O thread: reset before each session call, read by the
/// engine after it. Grows to the largest reply seen and stays that size, so the hot path
/// allocates nothing once warm.
/// </summary>
internal sealed class SessionOutput : ISessionOutput
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _written;

    public int Written => _written;

    public bool CloseRequested { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void Reset()
    {
        _written = 0;
        CloseRequested = false;
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
