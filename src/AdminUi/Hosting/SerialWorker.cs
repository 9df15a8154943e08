using System.Collections.Concurrent;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// A named thread that runs posted actions one after another. <see cref="Post"/> never blocks (an
/// unbounded queue), so the engine loop can hand work over and go back to epoll_wait at once; an
/// action that throws is logged and the next one runs.
/// </summary>
public sealed class SerialWorker : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread _thread;
    private readonly ILogger _logger;

    public SerialWorker(string name, ILogger logger)
    {
        _logger = logger;
        _thread = new Thread(Run) { Name = name, IsBackground = true };
        _thread.Start();
    }

    public void Post(Action action)
    {
        try { _queue.Add(action); }
        catch (InvalidOperationException) { } // stopping: nothing more runs
    }

    private void Run()
    {
        foreach (var action in _queue.GetConsumingEnumerable())
        {
            try { action(); }
            catch (Exception e) { _logger.LogError(e, "{Thread}: an action failed", _thread.Name); }
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
    }
}
