using System.Text.Json.Serialization;
using AdminServer.AdminUi.Api;
using AdminServer.AdminUi.Hosting;
using AdminServer.AdminUi.Security;
using AdminServer.AdminUi.Services;
using AdminServer.Engine;
using Microsoft.AspNetCore.Authentication;

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
    .AddJsonFile(paths.ConfigFile, optional: true, reloadOnChange: false)
    .AddEnvironmentVariables()
    .AddCommandLine(args);

var engineOptions = EngineConfigLoader.Load(builder.Configuration, out var configErrors);
if (configErrors.Count > 0)
{
    Console.Error.WriteLine($"Configuration {paths.ConfigFile} is invalid:");
    foreach (var e in configErrors) Console.Error.WriteLine($"  {e}");
    return 2;
}

var password = AdminPassword.From(builder.Configuration);
string adminUrl = builder.Configuration["Admin:Url"] ?? "http://127.0.0.1:5080";
builder.WebHost.UseUrls(adminUrl);

builder.Services.AddSingleton(paths);
builder.Services.AddSingleton(password);
builder.Services.AddSingleton<AuditLog>();
builder.Services.AddSingleton(engineOptions);
builder.Services.AddSingleton(sp => new ServerEngine(engineOptions, sp.GetRequiredService<ILoggerFactory>().CreateLogger("AdminServer.Engine")));
builder.Services.AddHostedService<EngineHostedService>();
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddAuthentication(BasicAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapEngineApi();
app.MapStatusPage();

app.Lifetime.ApplicationStarted.Register(() =>
{
    Console.WriteLine($"AdminServer console: {adminUrl}  (user '{AdminPassword.User}')");
    if (password.Generated) Console.WriteLine($"Generated admin password (shown once): {password.Value}");
    Console.WriteLine($"Configuration: {(File.Exists(paths.ConfigFile) ? paths.ConfigFile : "embedded defaults")}");
});

app.Run();
return 0;
