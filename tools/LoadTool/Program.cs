using System.Globalization;
using System.Net;
using System.Text.Json;
using AdminServer.LoadTool;

// adminserver-load: echo round trips against a running AdminServer, optionally across the
// ET/LT x ONESHOT matrix (switched through the admin API), printing a markdown table with
// the engine's own counters per MB moved.
var opts = Args.Parse(args);
var target = new IPEndPoint(IPAddress.Parse(opts.Get("host", "127.0.0.1")), int.Parse(opts.Get("port", "7007")));
int size = int.Parse(opts.Get("size", "4096"));
var seconds = TimeSpan.FromSeconds(double.Parse(opts.Get("seconds", "10"), CultureInfo.InvariantCulture));
var connectionCounts = opts.Get("connections", "100").Split(',').Select(int.Parse).ToArray();
string model = opts.Get("model", "Reactor");
string? password = opts.Get("password", Environment.GetEnvironmentVariable("ADMINSERVER_PASSWORD") ?? "");
using var admin = new AdminClient(opts.Get("api", "http://127.0.0.1:5080"), password);

var modes = opts.Has("matrix")
    ? new[] { ("ET", true), ("ET", false), ("LT", true), ("LT", false) }
    : [(opts.Get("trigger", "ET"), bool.Parse(opts.Get("oneshot", "true")))];

Console.WriteLine($"| conns | trigger | ONESHOT | model | round trips/s | MB/s | epoll_wait/MB | events/wait | EAGAIN reads/MB | reads/MB | epoll_ctl/MB | collisions | errors |");
Console.WriteLine("|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (int conns in connectionCounts)
{
    foreach (var (trigger, oneShot) in modes)
    {
        await admin.SetModeAsync(trigger, oneShot, model);
        var before = await admin.CountersAsync();
        var r = await EchoLoad.RunAsync(target, conns, size, seconds);
        var after = await admin.CountersAsync();
        long D(string name) => after.GetProperty(name).GetInt64() - before.GetProperty(name).GetInt64();
        double mb = r.Bytes / 1e6;
        double waits = D("waits");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {conns} | {trigger} | {(oneShot ? "on" : "off")} | {model} | {r.RoundTrips / r.Seconds:F0} | {mb / r.Seconds:F1} | {waits / mb:F1} | {D("events") / Math.Max(1, waits):F2} | {D("eagainReads") / mb:F1} | {D("reads") / mb:F1} | {D("epollCtls") / mb:F1} | {D("collisions")} | {r.Errors} |"));
    }
}

/// <summary>--name value pairs and bare --flags.</summary>
internal sealed class Args(Dictionary<string, string> values)
{
    public static Args Parse(string[] args)
    {
        var d = new Dictionary<string, string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--")) throw new ArgumentException($"unexpected argument '{args[i]}'");
            string name = args[i][2..];
            d[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--") ? args[++i] : "true";
        }
        return new Args(d);
    }

    public string Get(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;

    public bool Has(string name) => values.ContainsKey(name);
}
