namespace AdminServer.Engine.Uring;

/// <summary>What an io_uring operation was, kept in the top two bits of its user data (the rest is the connection's token).</summary>
internal enum UringOp : ulong
{
    Poll = 0,
    Recv = 1,
    Send = 2,
    Cancel = 3,
}
