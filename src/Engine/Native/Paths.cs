using System.Text;

namespace AdminServer.Engine.Native;

/// <summary>File system paths as the kernel resolves them.</summary>
public static unsafe class Paths
{
    private const int PathMax = 4096;

    /// <summary>The canonical absolute path (symlinks and ".." resolved), or null when it does not exist.</summary>
    public static string? Real(string path)
    {
        byte* buffer = stackalloc byte[PathMax];
        if (LibC.RealPath(path, buffer) == 0) return null;
        return Encoding.UTF8.GetString(new ReadOnlySpan<byte>(buffer, PathMax).SliceToNull());
    }

    private static ReadOnlySpan<byte> SliceToNull(this ReadOnlySpan<byte> s)
    {
        int end = s.IndexOf((byte)0);
        return end < 0 ? s : s[..end];
    }
}
