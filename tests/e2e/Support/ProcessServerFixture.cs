namespace AdminServer.E2eTests.Support;

/// <summary>A real server with two declared programs and a 1 s kill grace period, shared by the process API tests.</summary>
public sealed class ProcessServerFixture : IAsyncLifetime
{
    public const string Sections = """
        "Processes": { "KillGraceSeconds": 1 },
        "Programs": [
          { "Name": "demo-pipeline", "Command": "sleep 600 | sleep 600" },
          { "Name": "stubborn", "Command": "trap '' TERM; sleep 600" }
        ]
        """;

    public ServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ServerProcess.StartAsync(extraSections: Sections);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
