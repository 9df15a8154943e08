using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;

namespace AdminServer.Engine.Native;

/// <summary>struct sockaddr_in (IPv4): port and address in network byte order.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
internal struct SockAddrIn
{
    public ushort Family;
    public ushort PortBe;
    public uint AddrBe;
    public ulong Zero;

    public static SockAddrIn From(IPEndPoint ep)
    {
        Span<byte> b = stackalloc byte[4];
        if (!ep.Address.TryWriteBytes(b, out var n) || n != 4)
            throw new ArgumentException($"only IPv4 endpoints are supported: {ep}");
        return new SockAddrIn
        {
            Family = Consts.AF_INET,
            PortBe = BinaryPrimitives.ReverseEndianness((ushort)ep.Port),
            AddrBe = MemoryMarshal.Read<uint>(b),
        };
    }

    public readonly IPEndPoint ToEndPoint()
    {
        Span<byte> b = stackalloc byte[4];
        MemoryMarshal.Write(b, in AddrBe);
        return new IPEndPoint(new IPAddress(b), BinaryPrimitives.ReverseEndianness(PortBe));
    }
}
