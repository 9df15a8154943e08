using BenchmarkDotNet.Running;

// Run everything: dotnet run -c Release -- --filter '*'
// A subset:       dotnet run -c Release -- --filter '*Timers1M*'
BenchmarkSwitcher.FromAssembly(typeof(AdminServer.Engine.Timers.Bench.Workload).Assembly).Run(args);
