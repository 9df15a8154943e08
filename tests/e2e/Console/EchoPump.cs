using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Console;

/// <summary>One echo client kept busy in the background (so the engine waits, reads and counts), stopped on dispose.</summary>
public sealed class EchoPump : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly EchoClient _client;
    private readonly Task _task;

    private EchoPump(EchoClient client)
    {
        _client = client;
        _task = Task.Run(async () =>
        {
            var payload = new byte[512];
            while (!_stop.IsCancellationRequested) await client.RoundTripAsync(payload, TimeSpan.FromSeconds(10));
        });
    }

    public static async Task<EchoPump> StartAsync(int port) => new(await EchoClient.ConnectAsync(port));

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _task.ContinueWith(_ => { }, TaskScheduler.Default);
        _client.Dispose();
        _stop.Dispose();
    }
}
