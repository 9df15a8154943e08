using AdminServer.Engine.Processes;

namespace AdminServer.AdminUi.Hosting;

/// <summary>Registers the process manager with its configuration (one line in Program.cs).</summary>
public static class ProcessServiceCollectionExtensions
{
    /// <summary>
    /// Loads "Programs" and "Processes", and on an invalid file stops the start the way a bad
    /// "Engine" section does: the messages on stderr, exit code 2.
    /// </summary>
    public static IServiceCollection AddManagedProcesses(this IServiceCollection services, IConfiguration config, string root)
    {
        var options = ProcessConfigLoader.Load(config, out var errors, root);
        if (errors.Count > 0)
        {
            Console.Error.WriteLine("Configuration is invalid:");
            foreach (var e in errors) Console.Error.WriteLine($"  {e}");
            Environment.Exit(2);
        }
        services.AddSingleton(options);
        services.AddSingleton(sp => new ProcessManager(options, sp.GetRequiredService<ILoggerFactory>().CreateLogger("AdminServer.Processes")));
        services.AddHostedService<ProcessHostedService>();
        return services;
    }
}
