using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace AdminServer.Engine.Timers.Bench;

/// <summary>
/// One short job for every benchmark. Each invocation performs thousands to a million operations
/// on state prepared by an [IterationSetup] (e.g. a full queue to cancel from), so the state can be
/// consumed only once: hence one invocation per iteration and no unrolling. Monitoring skips the
/// pilot/overhead stages that assume nanosecond invocations. Per-operation numbers come from
/// OperationsPerInvoke.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        Job job = Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(20)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithGcServer(false)
            .WithGcConcurrent(false)
            .WithId("Short");

        // With one invocation per iteration, a 10^4 case runs for only ~50 ms in total, less than
        // the tiering delay: part of it would be measured in Tier-0/OSR code (a first run showed
        // 10^4 slower than 10^6). Fully optimized code from the start makes all sizes comparable.
        // TIMERBENCH_TIERED=1 keeps the runtime's default tiering (with dynamic PGO) for comparison.
        if (Environment.GetEnvironmentVariable("TIMERBENCH_TIERED") != "1")
        {
            job = job.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TieredCompilation", "0"));
        }

        AddJob(job);
        AddDiagnoser(MemoryDiagnoser.Default);
        WithOptions(ConfigOptions.JoinSummary);
    }
}
