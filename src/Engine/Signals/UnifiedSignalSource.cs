using System.Runtime.InteropServices;

namespace AdminServer.Engine.Signals;

/// <summary>
/// Turns POSIX signals into events on the engine's loop. The .NET registration callback (the
/// nearest thing managed code has to a handler) only writes the number into the self-pipe; the
/// loop reads it and runs the handler on its own thread, so no other thread acts on a signal.
/// </summary>
public sealed class UnifiedSignalSource : IDisposable
{
    private readonly SignalPipe _pipe = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly List<int> _pending = [];
    private readonly Action<int> _handler;

    /// <param name="handler">Runs on the loop thread with the Linux signal number.</param>
    internal UnifiedSignalSource(Action<int> handler) => _handler = handler;

    internal int ReadFd => _pipe.ReadFd;

    /// <summary>Starts delivering <paramref name="signal"/>; <paramref name="replaceDefault"/> cancels the default action (terminate, for most).</summary>
    internal void Add(int signal, bool replaceDefault)
    {
        _registrations.Add(PosixSignalRegistration.Create((PosixSignal)signal, ctx =>
        {
            if (replaceDefault) ctx.Cancel = true;
            _pipe.Write(signal);
        }));
    }

    /// <summary>Loop thread: the pipe is readable.</summary>
    internal void OnReadable()
    {
        _pending.Clear();
        _pipe.ReadAll(_pending);
        foreach (int signal in _pending) _handler(signal);
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _registrations.Clear();
        _pipe.Dispose();
    }
}
