using Microsoft.Extensions.Logging;
using AdminServer.Engine.Threads;

namespace AdminServer.Engine.Loop;

/// <summary>
/// Leader/follower on this loop (loop 0): a set of follower threads takes over the turns from the
/// loop's own thread. Leadership is one permit of a semaphore: the thread holding it waits in the
/// demultiplexer; followers wait for the permit. A leader that received events releases the permit
/// (promoting a follower) before handling them. While the pattern is not in force the permit does
/// not exist, so the followers sleep in that wait, and the loop's own thread runs the turns.
/// </summary>
internal sealed partial class EventLoop
{
    private readonly SemaphoreSlim _leadership = new(0);
    private readonly ManualResetEventSlim _ownTurn = new(true);
    private EngineThread[] _followers = [];
    private bool _followersActive;      // loop state: the followers run the turns
    private bool _handOverToFollowers;  // set by the activating command, acted on when the own thread's turn ends
    private volatile bool _followersStopping;

    public IReadOnlyList<EngineThread> Followers => _followers;

    /// <summary>Creates and starts the follower threads (parked until leader/follower is switched on).</summary>
    public void CreateFollowers(int count)
    {
        _followers = new EngineThread[count];
        for (int i = 0; i < count; i++)
        {
            _followers[i] = new EngineThread($"adminserver-lf-{i}", "parked", FollowerMain);
            _followers[i].Start();
        }
    }

    /// <summary>Hands the turns to the followers after the current turn (leader/follower switched on).</summary>
    public Task StartFollowersAsync() => InvokeAsync(() =>
    {
        if (!_followersActive && _followers.Length > 0) _handOverToFollowers = true;
        return true;
    });

    /// <summary>Takes the turns back from the followers (leader/follower switched off); the own thread resumes.</summary>
    public Task StopFollowersAsync() => InvokeAsync(() =>
    {
        if (_followersActive) _followersActive = false; // the leader running this keeps the permit: followers sleep again
        return true;
    });

    private void HandOverToFollowers()
    {
        _handOverToFollowers = false;
        _followersActive = true;
        _ownTurn.Reset();
        _leadership.Release(); // the one permit: the first follower to take it leads
    }

    private void FollowerMain(EngineThread self)
    {
        try
        {
            while (true)
            {
                self.Role = _followersActive ? "follower" : "parked";
                _leadership.Wait();
                if (_followersStopping || !_running) { _leadership.Release(); return; }
                self.Role = "leader";
                bool promoted = false;
                // Lead until there is something to handle: a turn without claims keeps the permit.
                while (_followersActive && _running)
                {
                    Turn(self);
                    if (self.Batch.Count == 0 || !_followersActive || !_running) continue;
                    _leadership.Release(); // promote a follower, then handle what this turn received
                    self.Context.Counters.Promotions++;
                    promoted = true;
                    break;
                }
                if (!promoted)
                {
                    // Switched off (or stopping) during this thread's turns: give the loop back to its own thread.
                    _ownTurn.Set();
                    if (!_running) { _followersStopping = true; _leadership.Release(); }
                }
                if (self.Batch.Count > 0)
                {
                    self.Role = "handling";
                    HandleBatch(self);
                }
            }
        }
        catch (Exception ex)
        {
            Runtime.Logger.LogCritical(ex, "Leader/follower thread {Thread} failed", self.Name);
        }
    }

    /// <summary>Own thread, at its end: lets parked followers leave their wait and exit.</summary>
    private void StopFollowers()
    {
        _followersStopping = true;
        if (_followers.Length > 0) _leadership.Release();
    }
}
