// Minimal Kestrel HTTP server for the HTTP benchmarks:
//   dotnet KestrelPlaintext.dll PORT [ROOT]     (PORT 0 = any free port; 127.0.0.1 only)
// GET /plaintext answers "Hello, World!" (text/plain, 13 bytes, written directly: no routing,
// no serializer); any other path is served from ROOT (default: the current directory) by the
// static file middleware (ETag, Last-Modified, ranges; index.html for directories).
// Logging is limited to warnings so that nothing is written per request.
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.FileProviders;

var port = args.Length > 0 ? int.Parse(args[0]) : 8080;
var root = Path.GetFullPath(args.Length > 1 ? args[1] : ".");
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));
var app = builder.Build();

var hello = "Hello, World!"u8.ToArray();
app.Use((context, next) =>
{
    if (context.Request.Path.Value != "/plaintext")
        return next(context);
    var response = context.Response;
    response.StatusCode = 200;
    response.ContentType = "text/plain";
    response.ContentLength = hello.Length;
    return response.Body.WriteAsync(hello).AsTask();
});
var files = new PhysicalFileProvider(root);
app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
app.UseStaticFiles(new StaticFileOptions { FileProvider = files, ServeUnknownFileTypes = true });

await app.StartAsync();
var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
Console.WriteLine($"listening on {(bound is { Count: > 0 } ? new Uri(bound.First()).Port : port)} (root {root})");
await app.WaitForShutdownAsync();
