namespace AdminServer.UnitTests.Support;

/// <summary>
/// Echo streams on many connections while runtime switches happen between their chunks: every Nth chunk sent (by any
/// connection) waits for one switch, so the switches interleave with the data however fast the machine is. Every
/// byte that comes back is compared with what was sent.
/// </summary>
public static class SwitchingStreams
{
    /// <summary>Runs the streams; <paramref name="switchOnce"/> is called one at a time. Returns how many switches ran.</summary>
    public static async Task<int> RunAsync(int port, int connections, int bytes, int seed, int everyNthChunk, Func<Task> switchOnce)
    {
        var gate = new SemaphoreSlim(1);
        int chunks = 0, switches = 0;
        async Task MaybeSwitch()
        {
            if (Interlocked.Increment(ref chunks) % everyNthChunk != 0) return;
            await gate.WaitAsync();
            try
            {
                await switchOnce();
                switches++;
            }
            finally { gate.Release(); }
        }

        var streams = Enumerable.Range(0, connections).Select(async i =>
        {
            var payload = LoopbackClient.RandomBytes(bytes + i * 31, seed + i);
            using var s = await LoopbackClient.ConnectAsync(port);
            var echoed = await LoopbackClient.EchoAsync(s, payload, seed: i, MaybeSwitch);
            int firstDiff = payload.AsSpan().CommonPrefixLength(echoed);
            Assert.True(firstDiff == payload.Length, $"connection {i}: first difference at byte {firstDiff} of {payload.Length}");
        });
        await Task.WhenAll(streams);
        return switches;
    }
}
