using AdminServer.Engine.Io;
using AdminServer.Engine.Models;

namespace AdminServer.Engine.Loop;

/// <summary>One run of a connection's event model by the thread holding its guard, numbered, with service faults contained.</summary>
internal static class HolderRun
{
    public static WorkResult Once(Connection c, IEventModel model, IoContext ctx)
    {
        try
        {
            return model.Run(c, ctx) with { Seq = ++c.Seq };
        }
        catch (Exception ex)
        {
            // A faulty service closes its own connection, never the thread that ran it.
            c.WorkerCloseReason ??= $"service error: {ex.GetType().Name}";
            return new WorkResult(++c.Seq, false, false, true, c.WorkerCloseReason);
        }
    }
}
