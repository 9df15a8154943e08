using AdminServer.Engine.Buffers;
using AdminServer.Engine.Metrics;

namespace AdminServer.Engine.Workers;

/// <summary>What one worker thread owns: its read buffer, scratch queues and counters, reused for every run.</summary>
internal sealed class WorkerContext(int readBudgetBytes)
{
    public byte[] ReadBuffer { get; } = new byte[64 * 1024];
    public ByteQueue Input { get; } = new();
    public ByteQueue Output { get; } = new();
    public IoCounters Counters { get; } = new();
    public int ReadBudgetBytes { get; } = readBudgetBytes;
}
