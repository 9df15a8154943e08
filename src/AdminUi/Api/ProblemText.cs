using AdminServer.AdminUi.Services;

namespace AdminServer.AdminUi.Api;

/// <summary>
/// Keeps problem details small whatever the request was: a value echoed back is cut to
/// <see cref="MaxValue"/> characters (and cleaned of control characters), and a list of problems
/// shows the first <see cref="MaxProblems"/> with a count of the rest. A 5 MB body with 400,000 bad
/// keys is answered in a few hundred bytes.
/// </summary>
public static class ProblemText
{
    public const int MaxValue = 100;
    public const int MaxProblems = 5;

    public static string Cut(string? value) => LogText.Clean(value, MaxValue);

    public static string Join(IReadOnlyCollection<string> problems)
    {
        var shown = string.Join(" ", problems.Take(MaxProblems));
        return problems.Count <= MaxProblems ? shown : $"{shown} ({problems.Count - MaxProblems} more problems not shown.)";
    }
}
