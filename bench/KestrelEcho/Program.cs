// Kestrel echo server: `dotnet KestrelEcho.dll PORT` (PORT 0 = any free port), 127.0.0.1 only.
// Everything is Kestrel's default (socket transport, server GC, tiered JIT with PGO) except
// logging, which is limited to warnings so that nothing is written per connection.
using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

var port = args.Length > 0 ? int.Parse(args[0]) : 7007;
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
builder.WebHost.ConfigureKestrel(o =>
    o.Listen(IPAddress.Loopback, port, l => l.UseConnectionHandler<EchoHandler>()));
var app = builder.Build();
await app.StartAsync();
var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
Console.WriteLine($"listening on {(bound is { Count: > 0 } ? new Uri(bound.First()).Port : port)}");
await app.WaitForShutdownAsync();

/// <summary>Writes every received segment back and flushes once per read.</summary>
sealed class EchoHandler : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync();
                var buffer = result.Buffer;
                foreach (var segment in buffer)
                    output.Write(segment.Span);
                input.AdvanceTo(buffer.End);
                var flush = await output.FlushAsync();
                if (result.IsCompleted || flush.IsCompleted)
                    break;
            }
        }
        catch (ConnectionResetException)
        {
            // The peer reset the connection: nothing to echo to.
        }
    }
}
