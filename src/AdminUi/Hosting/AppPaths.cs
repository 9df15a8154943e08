using System.Reflection;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Where the one configuration file and the console's static assets live: the repository
/// root, wherever the app is started from. Resolution order: --config / ADMINSERVER_CONFIG
/// for the file; ADMINSERVER_ROOT; the root recorded at build time; walking up from the
/// current directory. A missing file means the embedded defaults.
/// </summary>
public sealed record AppPaths(string Root, string ConfigFile)
{
    public string WebRoot => Path.Combine(Root, "wwwroot");

    public static AppPaths Resolve(string[] args)
    {
        string root = Environment.GetEnvironmentVariable("ADMINSERVER_ROOT") is { Length: > 0 } env
            ? Path.GetFullPath(env)
            : FindRoot();
        string? config = ArgValue(args, "--config") ?? Environment.GetEnvironmentVariable("ADMINSERVER_CONFIG");
        return new AppPaths(root, Path.GetFullPath(config ?? Path.Combine(root, "appsettings.json")));
    }

    private static string FindRoot()
    {
        var built = typeof(AppPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (built is not null && File.Exists(Path.Combine(built, "AdminServer.sln"))) return Path.GetFullPath(built);
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AdminServer.sln"))) return dir.FullName;
        return AppContext.BaseDirectory;
    }

    private static string? ArgValue(string[] args, string name)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length) return args[i + 1];
            if (args[i].StartsWith(name + "=", StringComparison.Ordinal)) return args[i][(name.Length + 1)..];
        }
        return null;
    }
}
