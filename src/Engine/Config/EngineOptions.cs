using System.Net;
using AdminServer.Engine.Concurrency;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Native;
using AdminServer.Engine.Timers;

namespace AdminServer.Engine.Config;

/// <summary>
/// Every engine setting with its default; bound from the "Engine" section of appsettings.json.
/// <see cref="Validate"/> names the offending key so a bad file is rejected with a clear message.
/// </summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    public List<ListenerOptions> Listeners { get; set; } = [];
    /// <summary>Which thread runs which step of a ready connection.</summary>
    public ConcurrencyKind Concurrency { get; set; } = ConcurrencyKind.LoopPerCore;
    /// <summary>Event loops (each with its own demultiplexer and thread) under LoopPerCore; 0 means one per core.</summary>
    public int Loops { get; set; }
    /// <summary>The readiness demultiplexer every loop waits with.</summary>
    public PollerKind Poller { get; set; } = PollerKind.Epoll;
    public TriggerMode Trigger { get; set; } = TriggerMode.ET;
    public bool OneShot { get; set; }
    public EventModel EventModel { get; set; } = EventModel.Reactor;
    /// <summary>Worker threads of the half-sync layer, and leader/follower threads; 0 means one per core.</summary>
    public int Workers { get; set; }
    /// <summary>Open connections across all loops before new ones are refused; 0 means derived from RLIMIT_NOFILE at start.</summary>
    public int MaxConnections { get; set; }
    /// <summary>Unsent bytes across all connections past which the peers holding the most stop being read.</summary>
    public long MaxPendingBytesTotal { get; set; } = 256L * 1024 * 1024;
    /// <summary>Bytes an edge-triggered wakeup may read from one peer before others get their turn.</summary>
    public int ReadBudgetBytes { get; set; } = 256 * 1024;
    /// <summary>Unsent bytes a connection may hold before the engine stops reading from it (backpressure).</summary>
    public int MaxPendingBytes { get; set; } = 1024 * 1024;
    public int Backlog { get; set; } = 511;
    /// <summary>Application-level keepalive: a connection silent this long is closed; 0 disables it.</summary>
    public int IdleTimeoutSeconds { get; set; } = 60;
    /// <summary>The structure that holds the idle timers.</summary>
    public TimerKind Timer { get; set; } = TimerKind.Heap;
    /// <summary>On SIGTERM/SIGINT: how long quiet connections get to finish before the rest are closed.</summary>
    public int ShutdownGraceSeconds { get; set; } = 10;

    public static EngineOptions Defaults() => new()
    {
        Listeners =
        [
            new() { Name = "echo", Service = "echo", Address = "127.0.0.1", Port = 7007 },
            new() { Name = "discard", Service = "discard", Address = "127.0.0.1", Port = 9009 },
            new() { Name = "http", Service = "http", Address = "127.0.0.1", Port = 8080 },
        ],
    };

    public ConnectionMode Mode => new(Trigger, OneShot, EventModel);

    public int EffectiveWorkers => Workers == 0 ? Environment.ProcessorCount : Workers;

    public int EffectiveLoops => Loops == 0 ? Environment.ProcessorCount : Loops;

    /// <summary>The connection cap in force for a process allowed <paramref name="fdLimit"/> fds with <paramref name="fdsInUse"/> open.</summary>
    public int EffectiveMaxConnections(int fdLimit, int fdsInUse) =>
        MaxConnections == 0 ? FdLimit.DefaultMaxConnections(fdLimit, fdsInUse) : MaxConnections;

    /// <summary>Every problem found, each naming its configuration key; empty when valid.</summary>
    /// <param name="fdLimit">RLIMIT_NOFILE of the process, against which MaxConnections is checked (null: not checked).</param>
    /// <param name="fdsInUse">Fds the process holds already.</param>
    public IReadOnlyList<string> Validate(IEnumerable<string> knownServices, int? fdLimit = null, int fdsInUse = 0)
    {
        var errors = new List<string>();
        var services = knownServices.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!Enum.IsDefined(Concurrency)) errors.Add($"{Section}:Concurrency must be LoopPerCore, HalfSyncHalfAsync or LeaderFollower.");
        if (!Enum.IsDefined(Poller)) errors.Add($"{Section}:Poller must be Epoll, Poll or Select.");
        if (!Enum.IsDefined(Trigger)) errors.Add($"{Section}:Trigger must be ET or LT.");
        if (!Enum.IsDefined(EventModel)) errors.Add($"{Section}:EventModel must be Reactor or Proactor.");
        if (Enum.IsDefined(Concurrency) && SettingRules.Conflict(Concurrency, Mode, Poller) is { } conflict)
            errors.Add($"{Section}:Concurrency {Concurrency}, {Section}:Trigger {Trigger}, {Section}:EventModel {EventModel} and {Section}:Poller {Poller} do not fit together: {conflict}");
        if (Workers is < 0 or > 256) errors.Add($"{Section}:Workers must be between 0 (one per core) and 256, not {Workers}.");
        if (Loops is < 0 or > 256) errors.Add($"{Section}:Loops must be between 0 (one per core) and 256, not {Loops}.");
        if (MaxConnections < 0) errors.Add($"{Section}:MaxConnections must be 0 (derived from the fd limit) or positive, not {MaxConnections}.");
        else if (fdLimit is { } limit && MaxConnections > FdLimit.LargestMaxConnections(limit, fdsInUse))
            errors.Add($"{Section}:MaxConnections {MaxConnections} leaves too few of the process's {limit} fds (RLIMIT_NOFILE, {fdsInUse} already open) " +
                       $"for the runtime and the admin side: at most {FdLimit.LargestMaxConnections(limit, fdsInUse)}, or 0 to derive it.");
        if (MaxPendingBytesTotal is < 65536 or > 64L * 1024 * 1024 * 1024)
            errors.Add($"{Section}:MaxPendingBytesTotal must be between 65536 and 68719476736, not {MaxPendingBytesTotal}.");
        if (ReadBudgetBytes is < 1024 or > 64 * 1024 * 1024) errors.Add($"{Section}:ReadBudgetBytes must be between 1024 and 67108864, not {ReadBudgetBytes}.");
        if (MaxPendingBytes is < 4096 or > 1024 * 1024 * 1024) errors.Add($"{Section}:MaxPendingBytes must be between 4096 and 1073741824, not {MaxPendingBytes}.");
        if (IdleTimeoutSeconds is < 0 or > 86400) errors.Add($"{Section}:IdleTimeoutSeconds must be between 0 (disabled) and 86400, not {IdleTimeoutSeconds}.");
        if (!Enum.IsDefined(Timer)) errors.Add($"{Section}:Timer must be List, Wheel or Heap.");
        if (ShutdownGraceSeconds is < 0 or > 3600) errors.Add($"{Section}:ShutdownGraceSeconds must be between 0 and 3600, not {ShutdownGraceSeconds}.");
        if (Backlog is < 1 or > 65535) errors.Add($"{Section}:Backlog must be between 1 and 65535, not {Backlog}.");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var endpoints = new HashSet<string>();
        for (int i = 0; i < Listeners.Count; i++)
        {
            var l = Listeners[i];
            string key = $"{Section}:Listeners:{i}";
            if (string.IsNullOrWhiteSpace(l.Name)) errors.Add($"{key}:Name is required.");
            else if (!names.Add(l.Name)) errors.Add($"{key}:Name '{l.Name}' is used by another listener.");
            if (!services.Contains(l.Service)) errors.Add($"{key}:Service '{l.Service}' is unknown (known: {string.Join(", ", services.Order())}).");
            if (!IPAddress.TryParse(l.Address, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
                errors.Add($"{key}:Address '{l.Address}' is not an IPv4 address.");
            if (l.Port is < 0 or > 65535) errors.Add($"{key}:Port must be between 0 (any free port) and 65535, not {l.Port}.");
            else if (l.Port != 0 && !endpoints.Add($"{l.Address}:{l.Port}")) errors.Add($"{key}:Port {l.Address}:{l.Port} is used by another listener.");
        }
        return errors;
    }
}
