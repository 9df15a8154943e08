using System.Buffers;

namespace AdminServer.Engine.Buffers;

/// <summary>
/// The bytes a session left unconsumed (a request split across reads), kept contiguous so the
/// next call sees them followed by the new data. Empty, and holding no buffer, in the common case
/// where every read is consumed whole; bounded, so a peer cannot grow it without limit.
/// </summary>
public sealed class InputCarry
{
    public const int MaxBytes = 1024 * 1024;
    private byte[]? _buffer;
    private int _length;

    public bool IsEmpty => _length == 0;

    public int Length => _length;

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    /// <summary>False (and nothing appended) when the carry would pass <see cref="MaxBytes"/>.</summary>
    public bool Append(ReadOnlySpan<byte> data)
    {
        if (_length + data.Length > MaxBytes) return false;
        if (_buffer is null || _buffer.Length - _length < data.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + data.Length, 4096));
            if (_buffer is not null)
            {
                _buffer.AsSpan(0, _length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
            }
            _buffer = bigger;
        }
        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
        return true;
    }

    public void Consume(int n)
    {
        if (n < 0 || n > _length) throw new ArgumentOutOfRangeException(nameof(n));
        if (n == _length) { Clear(); return; }
        _buffer.AsSpan(n, _length - n).CopyTo(_buffer);
        _length -= n;
    }

    public void Clear()
    {
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
        _length = 0;
    }
}
