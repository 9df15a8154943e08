using System.Diagnostics;
using AdminServer.Engine.Processes;

namespace AdminServer.UnitTests.Processes;

/// <summary>Managers over real processes, bounded waits, and a last-resort cleanup so no test leaves a group behind.</summary>
internal static class ProcessTestKit
{
    public static ProgramOptions Shell(string name, string command) => new() { Name = name, Command = command };

    public static ProcessManager Manager(params ProgramOptions[] programs) =>
        new(new ProcessOptions { KillGraceSeconds = 1, Programs = [.. programs] });

    /// <summary>Starts a program that must start; returns its pgid.</summary>
    public static int Start(ProcessManager manager, string name)
    {
        var r = manager.Start(name);
        Assert.True(r.Outcome == StartOutcome.Started, r.Detail);
        return r.Group!.Pgid;
    }

    public static async Task<T> WaitFor<T>(Func<T?> probe, string what, double seconds = 10) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            if (probe() is { } value) return value;
            await Task.Delay(25);
        }
        throw new TimeoutException($"timed out after {seconds} s waiting for {what}");
    }

    public static async Task WaitUntil(Func<bool> condition, string what, double seconds = 10) =>
        await WaitFor(() => condition() ? "" : null, what, seconds);

    /// <summary>Everything in /proc with this pgid, zombies included.</summary>
    public static List<ProcStat> InProc(int pgid) => ProcFs.Scan().Where(p => p.Pgid == pgid).ToList();

    /// <summary>Cleanup for finally blocks: the manager's kill, then SIGKILL to the groups whatever happened.</summary>
    public static async Task Cleanup(ProcessManager manager, params int[] pgids)
    {
        try { await manager.StopAllAsync().WaitAsync(TimeSpan.FromSeconds(10)); }
        finally
        {
            foreach (var pgid in pgids.Where(p => p > 0)) SignalSender.Send(-pgid, SignalAllowlist.SIGKILL);
            manager.ReapExited();
        }
    }
}
