using AdminServer.AdminUi.Api;

namespace AdminServer.AdminUi.Operations;

/// <summary>
/// Kubernetes-style probes, anonymous and saying nothing beyond the status: /healthz is 200 "ok" whenever
/// the process answers HTTP; /readyz is 200 "ready" or 503 "not ready" (see <see cref="Readiness"/>).
/// </summary>
public static class Probes
{
    public const string Health = "/healthz";
    public const string Ready = "/readyz";

    /// <summary>A GET or HEAD of a probe path (exempt from the Host check: a load balancer asks by address).</summary>
    public static bool IsProbe(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && (request.Path.Equals(Health, StringComparison.Ordinal) || request.Path.Equals(Ready, StringComparison.Ordinal));

    public static void MapProbes(this IEndpointRouteBuilder app)
    {
        app.MapRead(Health, () => Results.Text("ok\n", "text/plain; charset=utf-8")).AllowAnonymous();
        app.MapRead(Ready, async (Readiness readiness) => await readiness.CheckAsync() is null
            ? Results.Text("ready\n", "text/plain; charset=utf-8")
            : Results.Text("not ready\n", "text/plain; charset=utf-8", statusCode: 503)).AllowAnonymous();
    }
}
