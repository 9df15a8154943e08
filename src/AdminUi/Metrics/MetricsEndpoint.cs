using System.Text;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace AdminServer.AdminUi.Metrics;

/// <summary>
/// /metrics in the Prometheus text format (0.0.4), behind the admin password (Prometheus scrapes with basic_auth):
/// OpenTelemetry's Prometheus exporter renders the engine's, the process manager's and the .NET runtime's
/// System.Diagnostics.Metrics instruments, and <see cref="ScrapeExtras"/> appends the histogram families the
/// engine aggregates itself. The text format is always answered (an OpenMetrics Accept is not honoured), so the
/// appended families sit in a format that has no "# EOF" to come after.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";
    private static readonly string[] Meters = ["AdminServer.Engine", "AdminServer.Processes", ScrapeExtras.MeterName, "System.Runtime"];

    public static IServiceCollection AddAdminMetrics(this IServiceCollection services)
    {
        services.AddSingleton<ScrapeExtras>();
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("adminserver"))
            .WithMetrics(m => m.AddMeter(Meters).AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var extras = app.ServiceProvider.GetRequiredService<ScrapeExtras>();
        var branch = app.CreateApplicationBuilder();
        branch.Use(async (context, next) =>
        {
            context.Request.Headers.Accept = "text/plain";
            await extras.RefreshAsync();
            var body = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try { await next(context); }
            finally { context.Response.Body = body; }
            if (context.Response.StatusCode == StatusCodes.Status200OK)
            {
                var tail = Encoding.UTF8.GetBytes(extras.Histograms());
                buffer.Write(tail);
            }
            context.Response.ContentLength = buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(body, context.RequestAborted);
        });
        branch.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null, predicate: _ => true, path: null, configureBranchedPipeline: null, optionsName: null);
        return app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], branch.Build());
    }
}
