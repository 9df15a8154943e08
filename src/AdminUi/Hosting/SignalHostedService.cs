using AdminServer.Engine;
using AdminServer.Engine.Signals;
using static AdminServer.Engine.Signals.SignalNumbers;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Wires the engine's unified signal source: every handled signal arrives on the engine loop's
/// thread as an ordinary event and goes to <see cref="SignalHandlers"/>, which keeps the loop free
/// by handing the work to threads of its own.
/// </summary>
public sealed class SignalHostedService(ServerEngine engine, SignalHandlers handlers, ILogger<SignalHostedService> logger) : IHostedService
{
    private UnifiedSignalSource? _source;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var signals = new Dictionary<int, bool>
        {
            [SIGHUP] = true, [SIGTERM] = true, [SIGINT] = true, [SIGUSR1] = true, [SIGALRM] = true, [SIGCHLD] = false,
        };
        foreach (int ignored in InheritedIgnoredSignals.Among(signals.Keys))
            logger.LogWarning("{Signal} was ignored when the server started (nohup?) and will not reach it{Hint}", Name(ignored),
                ignored == SIGHUP ? ": reload with POST /api/reload instead" : "");
        _source = await engine.StartSignalSourceAsync(signals, handlers.OnSignal);
        await engine.UseAlarmTicksAsync(); // the sorted list in its classic form: ticked by SIGALRM
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _source?.Dispose();
        return Task.CompletedTask;
    }
}
