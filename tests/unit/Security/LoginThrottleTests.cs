using System.Net;
using AdminServer.AdminUi.Hosting;
using AdminServer.AdminUi.Security;
using AdminServer.AdminUi.Services;
using AdminServer.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminServer.UnitTests.Security;

public sealed class LoginThrottleTests : IDisposable
{
    private static readonly IPAddress Guesser = IPAddress.Parse("127.0.0.9");
    private readonly string _dir = Directory.CreateTempSubdirectory("adminserver-unit-").FullName;
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly AuditLog _audit;
    private readonly LoginThrottle _throttle;

    public LoginThrottleTests()
    {
        _audit = new AuditLog(new AuditFile(Path.Combine(_dir, "audit.jsonl"), 1 << 20, 2, NullLogger.Instance), NullLogger<AuditLog>.Instance);
        _throttle = new LoginThrottle(new AdminOptions { MaxFailedLogins = 5, FailedLoginWindowSeconds = 60 }, _audit, _time, NullLogger<LoginThrottle>.Instance);
    }

    private void Fail(int times, IPAddress? from = null)
    {
        for (int i = 0; i < times; i++) _throttle.RecordFailure(from ?? Guesser, "Basic");
    }

    [Fact]
    public void Five_failures_hold_an_address_back_until_the_window_ends_and_no_longer()
    {
        Fail(4);
        Assert.Null(_throttle.RetryAfter(Guesser));
        Fail(1);
        Assert.Equal(TimeSpan.FromSeconds(60), _throttle.RetryAfter(Guesser));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(TimeSpan.FromSeconds(1), _throttle.RetryAfter(Guesser));
        Assert.Null(_throttle.RetryAfter(IPAddress.Loopback)); // another address is not affected
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(_throttle.RetryAfter(Guesser)); // never a permanent lockout
    }

    [Fact]
    public void A_window_that_ended_held_back_makes_the_next_one_longer_up_to_a_bound()
    {
        var lengths = new List<TimeSpan>();
        for (int round = 0; round < 7; round++)
        {
            Fail(5);
            var wait = _throttle.RetryAfter(Guesser)!.Value;
            lengths.Add(wait);
            _time.Advance(wait);
            _throttle.Sweep();
        }
        Assert.Equal(new[] { 60, 120, 240, 480, 960, 960, 960 }.Select(s => TimeSpan.FromSeconds(s)), lengths);
        // A quiet (grown) window later, the address starts from scratch.
        _time.Advance(TimeSpan.FromSeconds(960));
        _throttle.Sweep();
        Fail(5);
        Assert.Equal(TimeSpan.FromSeconds(60), _throttle.RetryAfter(Guesser));
    }

    [Fact]
    public void A_burst_is_audited_once_at_once_and_once_when_its_window_ends()
    {
        Fail(200);
        for (int i = 0; i < 300; i++) _throttle.RetryAfter(Guesser);
        var now = _audit.Snapshot();
        var first = Assert.Single(now);
        Assert.Equal("login (Basic)", first.Action);
        Assert.Equal("anonymous@127.0.0.9", first.Actor);

        _time.Advance(TimeSpan.FromSeconds(61));
        _throttle.Sweep();
        var summary = _audit.Snapshot()[0];
        Assert.Equal(2, _audit.Snapshot().Count);
        Assert.StartsWith("200 wrong passwords and 300 attempts refused with 429", summary.Result);
    }

    [Fact]
    public void One_wrong_password_is_one_entry()
    {
        Fail(1);
        _time.Advance(TimeSpan.FromSeconds(61));
        _throttle.Sweep();
        Assert.Single(_audit.Snapshot());
    }

    [Fact]
    public void Beyond_the_table_size_new_addresses_share_one_bucket()
    {
        for (int i = 0; i < LoginThrottle.MaxAddresses; i++)
            _throttle.RecordFailure(new IPAddress(BitConverter.GetBytes(0x0A000000 + i)), "Basic");
        // Table full: five more addresses, one wrong password each, are held back together.
        for (int i = 0; i < 5; i++) _throttle.RecordFailure(IPAddress.Parse($"192.0.2.{i + 1}"), "Basic");
        Assert.NotNull(_throttle.RetryAfter(IPAddress.Parse("192.0.2.200")));
        Assert.Null(_throttle.RetryAfter(new IPAddress(BitConverter.GetBytes(0x0A000000)))); // one failure: still free
    }

    [Fact]
    public void An_ipv4_client_on_a_dual_stack_socket_is_the_same_client()
    {
        Fail(5, IPAddress.Parse("::ffff:127.0.0.9"));
        Assert.NotNull(_throttle.RetryAfter(Guesser));
    }

    public void Dispose()
    {
        _throttle.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
