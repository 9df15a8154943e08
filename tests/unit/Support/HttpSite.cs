using System.Text;

namespace AdminServer.UnitTests.Support;

/// <summary>A throwaway document root: small and large files, a directory, and a symlink that points outside it.</summary>
public sealed class HttpSite : IDisposable
{
    public HttpSite()
    {
        Root = Directory.CreateTempSubdirectory("adminserver-www-").FullName;
        File.WriteAllText(Path.Combine(Root, "index.html"), "<h1>home</h1>\n");
        File.WriteAllText(Path.Combine(Root, "a.txt"), "alpha\n");
        Directory.CreateDirectory(Path.Combine(Root, "dir"));
        File.WriteAllText(Path.Combine(Root, "dir", "index.html"), "<h1>dir</h1>\n");
        Big = new byte[200_000];
        new Random(5).NextBytes(Big);
        File.WriteAllBytes(Path.Combine(Root, "big.bin"), Big);
        Outside = Directory.CreateTempSubdirectory("adminserver-outside-").FullName;
        File.WriteAllText(Path.Combine(Outside, "secret.txt"), "secret\n");
        File.CreateSymbolicLink(Path.Combine(Root, "escape"), Outside);
        File.CreateSymbolicLink(Path.Combine(Root, "secret-link.txt"), Path.Combine(Outside, "secret.txt"));
    }

    public string Root { get; }
    public string Outside { get; }
    public byte[] Big { get; }

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        Directory.Delete(Outside, recursive: true);
    }
}
