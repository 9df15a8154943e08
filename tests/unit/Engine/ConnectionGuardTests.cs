using AdminServer.Engine.Loop;

namespace AdminServer.UnitTests.Engine;

public class ConnectionGuardTests
{
    private sealed class Box { public ConnectionGuard Guard; public int Inside; public int Runs; public int Requests; }

    [Fact]
    public void Never_two_holders_and_no_dispatch_is_lost()
    {
        var box = new Box();
        int collisions = 0;
        const int threads = 4, perThread = 20_000;
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < perThread; i++)
            {
                Interlocked.Increment(ref box.Requests);
                if (!box.Guard.TryEnter(out bool collided)) { Interlocked.Increment(ref collisions); continue; }
                if (collided) Interlocked.Increment(ref collisions);
                do
                {
                    box.Guard.BeginRun();
                    Assert.Equal(1, Interlocked.Increment(ref box.Inside));
                    // Every request made before this run started is served by it.
                    Volatile.Write(ref box.Runs, Volatile.Read(ref box.Requests));
                    Interlocked.Decrement(ref box.Inside);
                }
                while (box.Guard.ExitAndCheckRerun());
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        // The last request must have been seen by some run: a lost rerun would leave Runs behind.
        Assert.Equal(threads * perThread, box.Runs);
    }
}
