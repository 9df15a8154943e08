using System.Net;
using AdminServer.AdminUi.Hosting;
using AdminServer.AdminUi.Services;

namespace AdminServer.AdminUi.Security;

/// <summary>
/// Slows password guessing per client address, for Basic and the login form alike. The first wrong
/// password opens a window of <see cref="AdminOptions.FailedLoginWindowSeconds"/>; after
/// <see cref="AdminOptions.MaxFailedLogins"/> wrong ones in it, every attempt from that address (a right
/// password too, or the answer would tell a guesser when it hit) is answered 429 with Retry-After
/// until the window ends. A window that ended blocked makes the next one twice as long, up to
/// <see cref="MaxGrowth"/> times; a quiet window resets it. Nothing is locked for good, and a
/// browser that is already logged in (its cookie) is never affected.
///
/// Auditing is aggregated so a flood cannot bury the audit log: the first wrong password of a window
/// is one entry at once, and when the window ends one more entry counts what followed.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    /// <summary>Addresses tracked at once; beyond that, new addresses share one bucket (a flood from many addresses is still slowed).</summary>
    public const int MaxAddresses = 10_000;
    public const int MaxGrowth = 16;

    private static readonly IPAddress Overflow = IPAddress.IPv6None;
    private readonly object _gate = new();
    private readonly Dictionary<IPAddress, Window> _windows = [];
    private readonly int _maxFailures;
    private readonly TimeSpan _window;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _sweeper;

    public LoginThrottle(AdminOptions options, AuditLog audit, TimeProvider time, ILogger<LoginThrottle> logger)
    {
        _maxFailures = options.MaxFailedLogins;
        _window = TimeSpan.FromSeconds(options.FailedLoginWindowSeconds);
        _audit = audit;
        _time = time;
        _logger = logger;
        _sweeper = time.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>
    /// How long <paramref name="address"/> must wait before trying a password again, or null when it
    /// may try now. A refused attempt is counted for the window's audit entry.
    /// </summary>
    public TimeSpan? RetryAfter(IPAddress address)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_windows.TryGetValue(Key(address), out var w) || !w.IsOpen(now) || w.Failures < _maxFailures) return null;
            w.Refused++;
            return w.End - now;
        }
    }

    /// <summary>A wrong password (or user) from <paramref name="address"/>, sent by <paramref name="how"/> ("Basic", "login form").</summary>
    public void RecordFailure(IPAddress address, string how)
    {
        string? previous;
        bool first;
        IPAddress key;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            key = Key(address);
            if (!_windows.TryGetValue(key, out var w)) _windows[key] = w = new Window(key);
            previous = null;
            if (!w.IsOpen(now))
            {
                previous = EndWindow(w);
                w.Open(now, _window * w.Growth);
            }
            w.Failures++;
            first = w.Failures == 1;
            if (w.Failures == _maxFailures)
                _logger.LogWarning("{Failures} wrong passwords from {Address} within {Window}: further attempts answered 429 until {Until:u}",
                    w.Failures, key, w.Length, w.End);
        }
        if (previous is not null) _audit.Add("auth", $"anonymous@{key}", "failed logins", previous);
        if (first) _audit.Add("auth", $"anonymous@{address}", $"login ({how})", "refused: wrong password");
    }

    /// <summary>Closes the windows that have ended (their audit entries) and forgets quiet addresses.</summary>
    public void Sweep()
    {
        var summaries = new List<(IPAddress, string)>();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var w in _windows.Values.ToList())
            {
                if (w.IsOpen(now)) continue;
                if (EndWindow(w) is { } summary) summaries.Add((w.Address, summary));
                // Quiet for a whole (grown) window after the last one: forget it, growth included.
                if (now - w.End >= w.Length) _windows.Remove(w.Address);
            }
        }
        foreach (var (address, summary) in summaries) _audit.Add("auth", $"anonymous@{address}", "failed logins", summary);
    }

    /// <summary>Ends a window: its summary (when more than the first failure happened), and the next window's growth.</summary>
    private string? EndWindow(Window w)
    {
        if (w.Started is not { } started) return null;
        bool blocked = w.Failures >= _maxFailures;
        w.Growth = blocked ? Math.Min(w.Growth * 2, MaxGrowth) : 1;
        w.Close();
        if (w.Failures <= 1 && w.Refused == 0) return null;
        return $"{w.Failures} wrong passwords and {w.Refused} attempts refused with 429 between {started:u} and {w.End:u}"
            + (blocked ? $"; the next window from this address is {w.Growth * _window.TotalSeconds:0} s" : "");
    }

    private IPAddress Key(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return _windows.ContainsKey(address) || _windows.Count < MaxAddresses ? address : Overflow;
    }

    public void Dispose() => _sweeper.Dispose();

    /// <summary>One address's current window (or none: <see cref="Started"/> null) and its growth factor.</summary>
    private sealed class Window(IPAddress address)
    {
        public IPAddress Address { get; } = address;
        public DateTimeOffset? Started { get; private set; }
        public TimeSpan Length { get; private set; }
        public DateTimeOffset End { get; private set; }
        public int Failures { get; set; }
        public int Refused { get; set; }
        public int Growth { get; set; } = 1;

        public bool IsOpen(DateTimeOffset now) => Started is not null && now < End;

        public void Open(DateTimeOffset now, TimeSpan length)
        {
            Started = now;
            Length = length;
            End = now + length;
            Failures = 0;
            Refused = 0;
        }

        public void Close() => Started = null;
    }
}
