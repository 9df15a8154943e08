namespace AdminServer.Engine.Processes;

/// <summary>
/// The signals the console may send, by name (Linux x86-64 numbers, signal(7)). Names are
/// accepted with or without the SIG prefix and in any case, nothing around them; numbers are not accepted, so a
/// typo can never become a different signal.
/// </summary>
public static class SignalAllowlist
{
    public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGTRAP = 5, SIGABRT = 6, SIGKILL = 9, SIGUSR1 = 10,
        SIGUSR2 = 12, SIGALRM = 14, SIGTERM = 15, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21,
        SIGTTOU = 22, SIGWINCH = 28;

    private static readonly (string Name, int Number)[] Signals =
    [
        ("HUP", SIGHUP), ("INT", SIGINT), ("QUIT", SIGQUIT), ("TRAP", SIGTRAP), ("ABRT", SIGABRT), ("KILL", SIGKILL),
        ("USR1", SIGUSR1), ("USR2", SIGUSR2), ("ALRM", SIGALRM), ("TERM", SIGTERM), ("CONT", SIGCONT),
        ("STOP", SIGSTOP), ("TSTP", SIGTSTP), ("TTIN", SIGTTIN), ("TTOU", SIGTTOU), ("WINCH", SIGWINCH),
    ];

    /// <summary>The allowed names, without the SIG prefix, in signal-number order.</summary>
    public static IReadOnlyList<string> Names { get; } = Signals.Select(s => s.Name).ToArray();

    public static bool TryParse(string? text, out int number, out string name)
    {
        // No trimming: " TERM" is not a name, and a parser that guesses is how a typo becomes a signal.
        string key = (text ?? "").ToUpperInvariant();
        if (key.StartsWith("SIG", StringComparison.Ordinal)) key = key[3..];
        foreach (var (n, num) in Signals)
        {
            if (n != key) continue;
            number = num;
            name = n;
            return true;
        }
        number = 0;
        name = "";
        return false;
    }

    /// <summary>"TERM" for 15; numbers outside the allowlist are shown as "signal N".</summary>
    public static string NameOf(int number)
    {
        foreach (var (n, num) in Signals)
            if (num == number) return n;
        return number switch { 7 => "BUS", 8 => "FPE", 11 => "SEGV", 13 => "PIPE", 17 => "CHLD", 24 => "XCPU", 31 => "SYS", _ => $"signal {number}" };
    }

    /// <summary>Signals whose default action stops the process: sent to the server they would freeze the console that could resume it.</summary>
    public static bool Stops(int number) => number is SIGSTOP or SIGTSTP or SIGTTIN or SIGTTOU;

    /// <summary>One line for error messages: "HUP, INT, …".</summary>
    public static string Describe() => string.Join(", ", Names);
}
