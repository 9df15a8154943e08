using System.Buffers;

namespace AdminServer.Engine.Buffers;

/// <summary>
/// A FIFO of bytes kept in pooled segments, so a connection's unsent output or
/// unread input costs no allocation per read once the pool is warm. Not thread-safe:
/// one owner at a time (the loop, or the worker holding the connection's guard).
/// </summary>
public sealed class ByteQueue
{
    private const int SegmentSize = 16 * 1024;
    private byte[][] _segments = new byte[4][];
    private int _head;          // index in _segments of the first segment
    private int _count;         // segments in use
    private int _headStart;     // first unread byte in the head segment
    private int _tailEnd;       // one past the last written byte in the tail segment

    public int Length { get; private set; }

    public bool IsEmpty => Length == 0;

    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_count == 0 || _tailEnd == SegmentSize) AddSegment();
            var tail = _segments[(_head + _count - 1) % _segments.Length];
            int n = Math.Min(data.Length, SegmentSize - _tailEnd);
            data[..n].CopyTo(tail.AsSpan(_tailEnd));
            _tailEnd += n;
            Length += n;
            data = data[n..];
        }
    }

    /// <summary>The longest contiguous run of unread bytes at the front.</summary>
    public ReadOnlySpan<byte> Peek()
    {
        if (_count == 0) return default;
        int end = _count == 1 ? _tailEnd : SegmentSize;
        return _segments[_head].AsSpan(_headStart, end - _headStart);
    }

    public void Consume(int n)
    {
        if (n < 0 || n > Length) throw new ArgumentOutOfRangeException(nameof(n));
        Length -= n;
        while (n > 0)
        {
            int end = _count == 1 ? _tailEnd : SegmentSize;
            int take = Math.Min(n, end - _headStart);
            _headStart += take;
            n -= take;
            if (_headStart == end) DropHead();
        }
        if (_count == 1 && _headStart == _tailEnd) DropHead();
    }

    /// <summary>Moves every byte to the end of <paramref name="target"/>, preserving order.</summary>
    public void MoveTo(ByteQueue target)
    {
        while (!IsEmpty)
        {
            var span = Peek();
            target.Append(span);
            Consume(span.Length);
        }
    }

    /// <summary>Returns every segment to the pool; call when the connection closes.</summary>
    public void Clear()
    {
        while (_count > 0) DropHead();
        Length = 0;
    }

    private void AddSegment()
    {
        if (_count == _segments.Length)
        {
            var bigger = new byte[_segments.Length * 2][];
            for (int i = 0; i < _count; i++) bigger[i] = _segments[(_head + i) % _segments.Length];
            _segments = bigger;
            _head = 0;
        }
        _segments[(_head + _count) % _segments.Length] = ArrayPool<byte>.Shared.Rent(SegmentSize);
        if (_count == 0) _headStart = 0;
        _count++;
        _tailEnd = 0;
    }

    private void DropHead()
    {
        ArrayPool<byte>.Shared.Return(_segments[_head]);
        _segments[_head] = null!;
        _head = (_head + 1) % _segments.Length;
        _count--;
        _headStart = 0;
        if (_count == 0) { _head = 0; _tailEnd = 0; }
    }
}
