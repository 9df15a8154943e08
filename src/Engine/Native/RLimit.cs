namespace AdminServer.Engine.Native;

/// <summary>struct rlimit: the soft (current) and hard (maximum) limit of a resource.</summary>
internal struct RLimit
{
    public ulong Current;
    public ulong Maximum;
}
