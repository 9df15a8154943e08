using AdminServer.AdminUi.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminServer.UnitTests.Hosting;

public class AdminOptionsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", "127.0.0.1,localhost,[::1]")]
    [InlineData("http://localhost:0", "127.0.0.1,localhost,[::1]")]
    [InlineData("http://[::1]:5080", "127.0.0.1,localhost,[::1]")]
    [InlineData("http://admin.example:5080", "admin.example")]
    [InlineData("http://0.0.0.0:5080", "127.0.0.1,localhost,[::1]")]
    [InlineData("http://*:5080;http://10.1.2.3:5081", "127.0.0.1,localhost,[::1],10.1.2.3")]
    public void Allowed_hosts_default_to_the_names_of_the_url(string url, string hosts) =>
        Assert.Equal(hosts.Split(','), new AdminOptions { Url = url }.EffectiveHosts());

    [Fact]
    public void Configured_hosts_replace_the_default() =>
        Assert.Equal(["console.internal", "[::1]"], new AdminOptions { AllowedHosts = ["Console.Internal", "::1"] }.EffectiveHosts());

    [Theory]
    [InlineData("http://127.0.0.1:5080", false)]
    [InlineData("http://[::1]:5080", false)]
    [InlineData("http://localhost:5080", false)]
    [InlineData("http://0.0.0.0:5080", true)]
    [InlineData("http://[::]:5080", true)]
    [InlineData("http://192.168.1.5:5080", true)]
    public void Binding_anywhere_but_loopback_logs_a_warning(string bound, bool warns)
    {
        var logger = new ListLogger();
        AdminBindingCheck.WarnIfExposed([bound], logger);
        Assert.Equal(warns, logger.Warnings > 0);
    }

    private sealed class ListLogger : ILogger
    {
        public int Warnings { get; private set; }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) Warnings++;
        }
    }
}
