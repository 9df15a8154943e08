using System.Runtime.InteropServices;

namespace AdminServer.Engine.Native;

/// <summary>
/// io_uring through the raw system calls (no liburing to install): setup, enter, and mmap for the
/// shared rings. glibc's syscall(2) is variadic, but every argument here is an integer register on
/// x86-64, so a fixed seven-argument declaration calls it correctly.
/// </summary>
internal static unsafe partial class LibC
{
    public const long SYS_io_uring_setup = 425;
    public const long SYS_io_uring_enter = 426;

    [LibraryImport(Lib, EntryPoint = "syscall", SetLastError = true)]
    public static partial long Syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    [LibraryImport(Lib, EntryPoint = "mmap", SetLastError = true)]
    public static partial void* Mmap(void* addr, nuint length, int prot, int flags, int fd, long offset);

    [LibraryImport(Lib, EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(void* addr, nuint length);
}

[StructLayout(LayoutKind.Sequential)]
internal struct IoSqringOffsets
{
    public uint Head, Tail, RingMask, RingEntries, Flags, Dropped, Array, Resv1;
    public ulong UserAddr;
}

[StructLayout(LayoutKind.Sequential)]
internal struct IoCqringOffsets
{
    public uint Head, Tail, RingMask, RingEntries, Overflow, Cqes, Flags, Resv1;
    public ulong UserAddr;
}

/// <summary>struct io_uring_params (120 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoUringParams
{
    public uint SqEntries, CqEntries, Flags, SqThreadCpu, SqThreadIdle, Features, WqFd;
    public fixed uint Resv[3];
    public IoSqringOffsets SqOff;
    public IoCqringOffsets CqOff;
}

/// <summary>struct io_uring_sqe (64 bytes): one submitted operation.</summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal struct IoUringSqe
{
    [FieldOffset(0)] public byte Opcode;
    [FieldOffset(1)] public byte Flags;
    [FieldOffset(2)] public ushort IoPrio;
    [FieldOffset(4)] public int Fd;
    [FieldOffset(8)] public ulong Off;
    [FieldOffset(16)] public ulong Addr;
    [FieldOffset(24)] public uint Len;
    [FieldOffset(28)] public uint OpFlags; // msg_flags, poll32_events, cancel_flags…
    [FieldOffset(32)] public ulong UserData;
    [FieldOffset(40)] public ushort BufIndex;
    [FieldOffset(42)] public ushort Personality;
    [FieldOffset(44)] public int SpliceFdIn;
    [FieldOffset(48)] public ulong Addr3;
    [FieldOffset(56)] public ulong Pad;
}

/// <summary>struct io_uring_cqe (16 bytes): one completion.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoUringCqe
{
    public ulong UserData;
    public int Res;
    public uint Flags;
}

/// <summary>struct io_uring_getevents_arg: the wait's timeout (IORING_ENTER_EXT_ARG).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoUringGeteventsArg
{
    public ulong Sigmask;
    public uint SigmaskSz;
    public uint Pad;
    public ulong Ts;
}

/// <summary>struct __kernel_timespec.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KernelTimespec
{
    public long Seconds;
    public long Nanoseconds;
}

internal static class UringConsts
{
    public const byte IORING_OP_NOP = 0;
    public const byte IORING_OP_POLL_ADD = 6;
    public const byte IORING_OP_ASYNC_CANCEL = 14;
    public const byte IORING_OP_SEND = 26;
    public const byte IORING_OP_RECV = 27;

    public const uint IORING_SETUP_CQSIZE = 1u << 3;
    public const uint IORING_SETUP_SINGLE_ISSUER = 1u << 12;
    public const uint IORING_SETUP_DEFER_TASKRUN = 1u << 13;
    public const uint IORING_ENTER_GETEVENTS = 1u << 0;
    public const uint IORING_ENTER_EXT_ARG = 1u << 3;
    public const uint IORING_FEAT_SINGLE_MMAP = 1u << 0;
    public const uint IORING_FEAT_NODROP = 1u << 1;
    public const uint IORING_FEAT_EXT_ARG = 1u << 8;
    public const uint IORING_POLL_ADD_MULTI = 1u << 0;
    public const uint IORING_CQE_F_MORE = 1u << 1;

    public const long IORING_OFF_SQ_RING = 0;
    public const long IORING_OFF_CQ_RING = 0x8000000;
    public const long IORING_OFF_SQES = 0x10000000;

    public const int PROT_READ = 1, PROT_WRITE = 2;
    public const int MAP_SHARED = 1, MAP_POPULATE = 0x8000;
}
