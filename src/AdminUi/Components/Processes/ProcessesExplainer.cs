using AdminServer.Engine.Processes;

namespace AdminServer.AdminUi.Components.Processes;

/// <summary>The Processes page's "Explain" panel: the groups as /proc shows them now and what that means for signalling them.</summary>
public static class ProcessesExplainer
{
    public static IReadOnlyList<string> Explain(ProcessesSnapshot s)
    {
        var said = new List<string>();
        int members = s.Groups.Sum(g => g.Members.Count);
        if (s.Groups.Count == 0)
            said.Add($"No managed group runs. Start a declared program: it becomes the leader of a new process group (pgid = its pid), apart from the server's group {s.ServerPgid}.");
        else
            said.Add($"{s.Groups.Count} group{(s.Groups.Count == 1 ? "" : "s")} with {members} member{(members == 1 ? "" : "s")}. Each pgid is its leader's pid; " +
                     "kill(-pgid, sig) reaches every member at once, including processes the program started itself.");
        var all = s.Groups.SelectMany(g => g.Members).ToArray();
        int stopped = all.Count(m => m.State is "T" or "t");
        if (stopped > 0)
            said.Add($"{stopped} stopped (T): they keep their memory but get no CPU until SIGCONT. A SIGTERM to a stopped process waits until it runs again, so Kill group sends SIGCONT too.");
        int zombies = all.Count(m => m.State == "Z");
        if (zombies > 0)
            said.Add($"{zombies} zombie{(zombies == 1 ? "" : "s")} (Z): ended, waiting for their parent's waitpid to collect the exit status.");
        said.Add(s.Subreaper
            ? "The server is a child subreaper: a member whose parent dies is re-parented to the server (not pid 1), which reaps it when it ends."
            : "The server is not a subreaper: orphaned members go to pid 1 and their exits are not seen here.");
        return said;
    }
}
