namespace AdminServer.E2eTests.Support;

/// <summary>Where the tests write pictures: failures under tests/e2e/screenshots (ignored by git), the README's under docs/.</summary>
public static class Paths
{
    /// <summary>The repository root, found from the AdminUi build output (root/src/AdminUi/bin/Config/tfm/dll).</summary>
    public static string RepositoryRoot { get; } =
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ServerProcess.AdminUiDll)!, "..", "..", "..", "..", ".."));

    public static string FailureScreenshots => Path.Combine(RepositoryRoot, "tests", "e2e", "screenshots");

    public static string Docs => Path.Combine(RepositoryRoot, "docs");
}
