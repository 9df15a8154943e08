namespace AdminServer.Engine.Loop;

/// <summary>
/// Maps epoll data back to channels. The data is generation &lt;&lt; 32 | slot, and a slot's
/// generation moves on at every release, so an event queued for a closed connection whose
/// fd number (or slot) has since been reused no longer matches and is dropped: nginx's
/// "instance" bit, widened to 32 bits.
/// </summary>
internal sealed class ChannelTable
{
    private IChannel?[] _channels = new IChannel?[256];
    private uint[] _generations = new uint[256];
    private readonly Stack<int> _free = new();
    private int _used;

    public ulong Add(IChannel channel)
    {
        int slot;
        if (_free.Count > 0) slot = _free.Pop();
        else
        {
            if (_used == _channels.Length)
            {
                Array.Resize(ref _channels, _channels.Length * 2);
                Array.Resize(ref _generations, _generations.Length * 2);
            }
            slot = _used++;
        }
        _channels[slot] = channel;
        return (ulong)_generations[slot] << 32 | (uint)slot;
    }

    public void Remove(ulong token)
    {
        int slot = (int)(uint)token;
        _channels[slot] = null;
        // 30 bits: io_uring keeps an operation kind in the top two bits of the same 64-bit user data.
        _generations[slot] = (_generations[slot] + 1) & 0x3FFF_FFFF;
        _free.Push(slot);
    }

    /// <summary>The live channel for <paramref name="token"/>, or null if the event is stale.</summary>
    public IChannel? Find(ulong token)
    {
        int slot = (int)(uint)token;
        if (slot >= _used || _generations[slot] != (uint)(token >> 32)) return null;
        return _channels[slot];
    }
}
