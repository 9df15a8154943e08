using AdminServer.Engine.Native;

namespace AdminServer.Engine.Buffers;

/// <summary>
/// A part of a file to send with sendfile(2): the kernel copies it from the page cache to the socket,
/// the bytes never enter this process. The fd may be shared (a cache keeps hot files open) or owned,
/// in which case it is closed once the range is sent or dropped.
/// </summary>
public sealed class FileRange(int fd, long offset, long length, bool ownsFd)
{
    public int Fd { get; } = fd;
    public long Offset { get; internal set; } = offset;
    public long Remaining { get; internal set; } = length;
    public bool OwnsFd { get; } = ownsFd;

    internal void Release()
    {
        if (OwnsFd) LibC.Close(Fd);
    }
}
