using AdminServer.Engine.Processes;

namespace AdminServer.UnitTests.Processes;

public class SignalAllowlistTests
{
    [Theory]
    [InlineData("TERM", 15)]
    [InlineData("sigterm", 15)]
    [InlineData("SIGHUP", 1)]
    [InlineData("kill", 9)]
    [InlineData("STOP", 19)]
    [InlineData("Cont", 18)]
    public void Names_parse_with_or_without_the_prefix(string text, int number)
    {
        Assert.True(SignalAllowlist.TryParse(text, out int n, out _));
        Assert.Equal(number, n);
    }

    [Theory]
    [InlineData("BOGUS")]
    [InlineData("15")]
    [InlineData("SEGV")]
    [InlineData("CHLD")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData(" SIGHUP ")] // strict: no whitespace around a name
    [InlineData("TERM,KILL")]
    [InlineData("SIG TERM")]
    public void Anything_else_is_refused(string? text) => Assert.False(SignalAllowlist.TryParse(text, out _, out _));
}
