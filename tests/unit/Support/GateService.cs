using AdminServer.Engine.Services;

namespace AdminServer.UnitTests.Support;

/// <summary>
/// An echo whose first call blocks until the test opens the gate: it holds a connection inside the
/// service for as long as a test needs, to widen the window in which a second thread could be
/// handed the same connection (the race EPOLLONESHOT exists for).
/// </summary>
public sealed class GateService : IService, ISession
{
    private readonly ManualResetEventSlim _gate = new(false);
    private readonly ManualResetEventSlim _entered = new(false);
    private int _calls;

    public GateService(string name) => Name = name;

    public string Name { get; }

    public ISession OpenSession() => this;

    /// <summary>Set once a thread is inside the first call.</summary>
    public bool WaitEntered(TimeSpan timeout) => _entered.Wait(timeout);

    public void Open() => _gate.Set();

    public int OnData(ReadOnlySpan<byte> input, ISessionOutput output)
    {
        if (Interlocked.Increment(ref _calls) == 1)
        {
            _entered.Set();
            _gate.Wait(TimeSpan.FromSeconds(30));
        }
        output.Write(input);
        return input.Length;
    }
}
