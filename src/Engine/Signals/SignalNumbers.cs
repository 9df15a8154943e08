namespace AdminServer.Engine.Signals;

/// <summary>Linux x86-64 signal numbers and names (signal(7)).</summary>
public static class SignalNumbers
{
    public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGTRAP = 5, SIGABRT = 6, SIGKILL = 9, SIGUSR1 = 10,
        SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20;

    private static readonly Dictionary<int, string> Names = new()
    {
        [SIGHUP] = "HUP", [SIGINT] = "INT", [SIGQUIT] = "QUIT", [SIGTRAP] = "TRAP", [SIGABRT] = "ABRT", [SIGKILL] = "KILL",
        [SIGUSR1] = "USR1", [SIGUSR2] = "USR2", [SIGPIPE] = "PIPE", [SIGALRM] = "ALRM", [SIGTERM] = "TERM",
        [SIGCHLD] = "CHLD", [SIGCONT] = "CONT", [SIGSTOP] = "STOP", [SIGTSTP] = "TSTP",
    };

    public static string Name(int signal) => Names.TryGetValue(signal, out var n) ? $"SIG{n}" : $"signal {signal}";
}
