using AdminServer.Engine.Native;

namespace AdminServer.Engine.Loop;

/// <summary>
/// One fd held in reserve (an open /dev/null) so that on EMFILE the loop can still accept
/// and close the excess connection instead of spinning on a listener that stays readable.
/// </summary>
internal sealed class SpareFd : IDisposable
{
    private int _fd = Open();

    public void ShedOne(int listenFd)
    {
        if (_fd >= 0) LibC.Close(_fd);
        int fd = Sockets.Accept(listenFd, out _);
        if (fd >= 0) LibC.Close(fd);
        _fd = Open();
    }

    private static int Open() => LibC.Open("/dev/null", Consts.O_RDONLY | Consts.O_CLOEXEC);

    public void Dispose()
    {
        if (_fd >= 0) LibC.Close(_fd);
        _fd = -1;
    }
}
