using System.Text.Json.Serialization;
using AdminServer.AdminUi.Api;
using AdminServer.AdminUi.Components;
using AdminServer.AdminUi.Hosting;
using AdminServer.AdminUi.Hubs;
using AdminServer.AdminUi.Operations;
using AdminServer.AdminUi.Security;
using AdminServer.AdminUi.Services;
using AdminServer.Engine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;

var paths = AppPaths.Resolve(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = paths.Root,
    WebRootPath = paths.WebRoot,
});

// One configuration file (the repository root's appsettings.json, or --config), then the
// usual environment and command-line overrides.
builder.Configuration.Sources.Clear();
builder.Configuration
    // Static assets must not add their catch-all GET fallback: with it, a wrong method on an API
    // route (GET /api/signals) matched nothing and answered 404 instead of 405 with Allow.
    .AddInMemoryCollection(new Dictionary<string, string?> { ["DisableStaticAssetNotFoundRuntimeFallback"] = "true" })
    .AddJsonFile(paths.ConfigFile, optional: true, reloadOnChange: false)
    .AddEnvironmentVariables()
    .AddCommandLine(args);

var engineOptions = EngineConfigLoader.Load(builder.Configuration, out var configErrors);
var httpOptions = HttpConfigLoader.Load(builder.Configuration, paths, out var httpErrors);
if (configErrors.Count == 0) configErrors = [.. httpErrors, .. ServerEngine.Validate(engineOptions, httpOptions).Where(e => e.StartsWith("Http:"))];
var (adminOptions, auditOptions) = AdminConfigLoader.Load(builder.Configuration, out var adminErrors);
if (configErrors.Count + adminErrors.Count > 0)
{
    Console.Error.WriteLine($"Configuration {paths.ConfigFile} is invalid:");
    foreach (var e in configErrors.Concat(adminErrors)) Console.Error.WriteLine($"  {e}");
    return 2;
}

var password = AdminPassword.From(builder.Configuration);
builder.WebHost.UseUrls(adminOptions.Url);
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    // Every admin body is small; chunked bodies are cut off at the same size while they are read.
    k.Limits.MaxRequestBodySize = RequestBodyRules.MaxBytes;
});
// The console's framework script and MudBlazor's _content/ files are static web assets. The
// host maps them from the build output's manifest only in Development; the tests and
// operators run the built dll in Production, so enable it always (a published app has the
// files in its wwwroot and the call is then harmless).
builder.WebHost.UseStaticWebAssets();
// Those files come from the build's manifest, for which MapStaticAssets turns every answer into
// "Cache-Control: no-cache" (a development convenience) unless told otherwise: keep the manifest's own
// headers, immutable for fingerprinted URLs (a rebuilt file gets a new fingerprint).
builder.Configuration["EnableStaticAssetsDevelopmentCaching"] = "true";

builder.Services.AddSingleton(paths);
builder.Services.AddSingleton(password);
builder.Services.AddSingleton(adminOptions);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(sp => new AuditFile(auditOptions.FullPath(paths.Root), auditOptions.MaxFileBytes, auditOptions.MaxFiles,
    sp.GetRequiredService<ILoggerFactory>().CreateLogger<AuditFile>()));
builder.Services.AddSingleton<AuditLog>();
builder.Services.AddSingleton<LoginThrottle>();
builder.Services.AddSingleton<LoginNonces>();
builder.Services.AddSingleton<AdminHosts>();
builder.Services.AddSingleton(engineOptions);
builder.Services.AddSingleton(sp => new ServerEngine(engineOptions, sp.GetRequiredService<ILoggerFactory>().CreateLogger("AdminServer.Engine"), httpOptions));
builder.Services.AddHostedService<EngineHostedService>();
builder.Services.AddManagedProcesses(builder.Configuration, paths.Root);
builder.Services.AddSingleton(new CommandLineArgs(args));
builder.Services.AddSingleton<ReloadService>();
builder.Services.AddSingleton<SignalHandlers>();
builder.Services.AddHostedService<SignalHostedService>(); // after the engine: signals are events on its loop
builder.Services.AddSingleton<IHostLifetime, NoSignalLifetime>();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ClientErrorExceptionHandler>();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddAdminAuthentication();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
// Snackbars at the bottom: at the top right they covered a dialog's title on a phone.
builder.Services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter);
builder.Services.AddScoped<ConsoleClient>();
builder.Services.AddSingleton<EngineSwitch>();
// The build manifest has no pre-compressed copy of MudBlazor's fingerprinted CSS (613 KiB, 65 KiB
// gzipped): compress CSS and scripts on the fly. Fingerprinted, they are then cached for good, so each
// browser pays this once; JSON and HTML are left alone.
builder.Services.AddResponseCompression(o => o.MimeTypes = ["text/css", "text/javascript", "application/javascript", "image/svg+xml"]);
builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
    // A script calling GetAudit() without its count hears "Invocation provides 0 argument(s) but target expects 1", not a generic error.
    .AddHubOptions<EngineHub>(o => o.EnableDetailedErrors = true);
builder.Services.AddSingleton(sp => new EngineMonitor(sp.GetRequiredService<ServerEngine>(), sp.GetRequiredService<ILogger<EngineMonitor>>(),
    HistoryPath.Resolve(builder.Configuration, paths.Root) is { } history
        ? new RateHistoryFile(history, sp.GetRequiredService<ILoggerFactory>().CreateLogger<RateHistoryFile>()) : null));
builder.Services.AddHostedService(sp => sp.GetRequiredService<EngineMonitor>());
builder.Services.AddSingleton<HubSubscribers>();
builder.Services.AddHostedService<HubBroadcaster>();
builder.Services.AddSingleton<ProcessActions>();
builder.Services.AddOperations(); // listeners, probes, /metrics

var app = builder.Build();
// Outermost, so error and refusal answers carry the headers too.
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
// Before anything else looks at the request: the right Host, the right Origin, a bounded body.
app.UseMiddleware<HostCheckMiddleware>();
app.UseMiddleware<OriginCheckMiddleware>();
app.UseMiddleware<RequestBodyRules>();
// The repository root's wwwroot (the console's own CSS), served before authentication: it is
// public. Its own provider, because UseStaticWebAssets swaps the web root provider for the
// build manifest's, which only knows the project's (absent) wwwroot.
app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(paths.WebRoot) });
app.UseResponseCompression();
// Routing after the static files: static web assets add a catch-all file endpoint, and the
// static file middleware steps aside for any request that already matched an endpoint.
app.UseRouting();
app.UseMiddleware<BasicThrottleMiddleware>();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
// The framework script and MudBlazor's CSS/JS must load on the login page too.
app.MapStaticAssets().AllowAnonymous();
app.MapEngineApi();
app.MapProcessApi();
app.MapReloadApi();
app.MapStatusPage();
app.MapOperations();
app.MapAccountEndpoints();
app.MapHub<EngineHub>(EngineHub.Path).RequireAuthorization();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() =>
{
    // The bound address, not the configured one: with port 0 only the server knows the port.
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
    Console.WriteLine($"AdminServer console: {addresses.FirstOrDefault() ?? adminOptions.Url}  (user '{AdminPassword.User}')");
    if (password.Generated) Console.WriteLine($"Generated admin password (shown once): {password.Value}");
    Console.WriteLine($"Configuration: {(File.Exists(paths.ConfigFile) ? paths.ConfigFile : "embedded defaults")}");
    AdminBindingCheck.WarnIfExposed(addresses, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AdminServer.Admin"));
});

app.Run();
return 0;
