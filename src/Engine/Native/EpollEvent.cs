using System.Runtime.InteropServices;

namespace AdminServer.Engine.Native;

/// <summary>
/// struct epoll_event. On x86-64 the kernel declares it packed (12 bytes): the
/// 64-bit data starts at offset 4, so the layout is explicit rather than sequential.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 12)]
internal struct EpollEvent
{
    [FieldOffset(0)] public uint Events;
    [FieldOffset(4)] public ulong Data;
}
