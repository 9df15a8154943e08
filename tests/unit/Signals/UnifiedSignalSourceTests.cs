using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AdminServer.Engine.Config;
using AdminServer.Engine.Signals;
using AdminServer.UnitTests.Support;

namespace AdminServer.UnitTests.Signals;

public partial class UnifiedSignalSourceTests
{
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [Fact]
    public async Task A_signal_arrives_as_an_event_on_the_loop_thread()
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, true, EventModel.Reactor));
        var seen = new ConcurrentQueue<(int Signal, string? Thread)>();
        using var source = await server.Engine.StartSignalSourceAsync(
            new Dictionary<int, bool> { [SignalNumbers.SIGUSR2] = true },
            s => seen.Enqueue((s, Thread.CurrentThread.Name)));

        Assert.Equal(0, Kill(Environment.ProcessId, SignalNumbers.SIGUSR2));
        await TestEngine.WaitUntil(() => !seen.IsEmpty, "SIGUSR2 to reach the loop");
        var (signal, thread) = Assert.Single(seen);
        Assert.Equal(SignalNumbers.SIGUSR2, signal);
        Assert.Equal("adminserver-loop-0", thread); // the loop, not the runtime's signal thread, acts on it
    }
}
