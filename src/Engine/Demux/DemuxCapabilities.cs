namespace AdminServer.Engine.Demux;

/// <summary>
/// What a backend can do. <see cref="MaxFd"/> is the largest fd it can watch (select's FD_SETSIZE - 1);
/// <see cref="ConcurrentModify"/> says whether a thread other than the waiting one may change an
/// fd's interest while a wait is in progress (epoll: the kernel holds the interest set).
/// </summary>
public readonly record struct DemuxCapabilities(bool Level, bool Edge, bool OneShot, int MaxFd, bool ConcurrentModify);
