namespace AdminServer.E2eTests.Support;

/// <summary>One real server shared by the tests of a class (xunit class fixture).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
