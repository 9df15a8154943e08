using System.Net.Sockets;
using System.Runtime.InteropServices;
using AdminServer.AdminUi.Hosting;
using AdminServer.AdminUi.Services;
using AdminServer.Engine.Config;
using AdminServer.Engine.Processes;
using AdminServer.Engine.Signals;
using AdminServer.UnitTests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminServer.UnitTests.Hosting;

/// <summary>
/// Item 10, deterministically: the process manager's lock is held (test hook) while a real SIGCHLD
/// and a real SIGHUP reach this process through the engine's unified signal source. The loop hands
/// both off at once, so echo on an open connection completes while the lock is held; the reaper,
/// which does need the lock, finishes its work once it is released.
/// </summary>
public class LoopNeverWaitsForSignalWorkTests : IDisposable
{
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private readonly string _dir = Directory.CreateTempSubdirectory("adminserver-unit-").FullName;

    [Fact]
    public async Task Echo_completes_while_SIGCHLD_and_SIGHUP_work_waits_for_the_process_manager_lock()
    {
        await using var server = await TestEngine.StartAsync(new ConnectionMode(TriggerMode.ET, true, EventModel.Reactor));
        string config = Path.Combine(_dir, "appsettings.json");
        File.WriteAllText(config, """
            { "Engine": { "Workers": 2, "Listeners": [
                { "Name": "echo", "Service": "echo", "Address": "127.0.0.1", "Port": 0 },
                { "Name": "discard", "Service": "discard", "Address": "127.0.0.1", "Port": 0 } ] },
              "Programs": [ { "Name": "brief", "Command": "sleep 1" } ] }
            """);
        var manager = new ProcessManager(new ProcessOptions { KillGraceSeconds = 1, Subreaper = false, Programs = [new() { Name = "brief", Command = "sleep 1" }] });
        var audit = new AuditLog(new AuditFile(Path.Combine(_dir, "audit.jsonl"), 1 << 20, 2, NullLogger.Instance), NullLogger<AuditLog>.Instance);
        var reload = new ReloadService(new AppPaths(_dir, config), server.Engine, manager, audit, NullLogger<ReloadService>.Instance, new CommandLineArgs([]));
        using var handlers = new SignalHandlers(server.Engine, reload, manager, audit, new NoLifetime(), NullLogger<SignalHandlers>.Instance);
        using var source = await server.Engine.StartSignalSourceAsync(
            new Dictionary<int, bool> { [SignalNumbers.SIGCHLD] = false, [SignalNumbers.SIGHUP] = true }, handlers.OnSignal);
        using var client = await LoopbackClient.ConnectAsync(server.EchoPort);
        await RoundTrip(client, "before");

        var started = manager.Start("brief");
        Assert.Equal(StartOutcome.Started, started.Outcome);
        using (manager.HoldLockForTesting())
        {
            Assert.Equal(0, Kill(Environment.ProcessId, SignalNumbers.SIGCHLD));
            Assert.Equal(0, Kill(Environment.ProcessId, SignalNumbers.SIGHUP));
            // The program exits (a real SIGCHLD) while the lock is still held.
            await TestEngine.WaitUntil(() => !File.Exists($"/proc/{started.Group!.Pgid}/cmdline") || File.ReadAllText($"/proc/{started.Group!.Pgid}/cmdline").Length == 0,
                "the program to exit", 5000);

            await RoundTrip(client, "while the lock is held");
            using (var fresh = await LoopbackClient.ConnectAsync(server.EchoPort)) await RoundTrip(fresh, "and a new connection");
            // SIGHUP's reload needs no lock: it is done. The reaper is still waiting for the lock.
            await TestEngine.WaitUntil(() => audit.Snapshot().Any(e => e.Actor == "SIGHUP" && e.Category == "reload"), "the SIGHUP reload");
            Assert.DoesNotContain(audit.Snapshot(), e => e.Action.Contains("exited"));
        }
        await TestEngine.WaitUntil(() => audit.Snapshot().Any(e => e.Category == "process" && e.Action.Contains("exited")), "the reaper to finish once the lock is free");
    }

    private static async Task RoundTrip(Socket socket, string text)
    {
        var payload = System.Text.Encoding.ASCII.GetBytes(text);
        var echoed = await LoopbackClient.EchoAsync(socket, payload, seed: 1).WaitAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(payload, echoed);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class NoLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }
}
