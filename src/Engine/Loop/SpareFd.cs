using AdminServer.Engine.Native;

namespace AdminServer.Engine.Loop;

/// <summary>
/// One fd held in reserve (an open /dev/null) so that on EMFILE the loop can still accept
/// and close the excess connection instead of spinning on a listener that stays readable.
/// </summary>
internal sealed class SpareFd : IDisposable
{
    private int _fd = Open();

    /// <summary>
    /// Frees the spare, accepts and closes one pending connection, takes the spare back. False when there was no
    /// spare to free or the freed fd was taken by another thread meanwhile: the caller must back off, not retry.
    /// </summary>
    public bool ShedOne(int listenFd)
    {
        if (_fd < 0) _fd = Open();
        if (_fd < 0) return false;
        LibC.Close(_fd);
        int fd = Sockets.Accept(listenFd, out _);
        if (fd >= 0) LibC.Close(fd);
        _fd = Open();
        return fd >= 0 && _fd >= 0;
    }

    private static int Open() => LibC.Open("/dev/null", Consts.O_RDONLY | Consts.O_CLOEXEC);

    public void Dispose()
    {
        if (_fd >= 0) LibC.Close(_fd);
        _fd = -1;
    }
}
