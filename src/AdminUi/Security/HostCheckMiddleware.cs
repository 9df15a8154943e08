using AdminServer.AdminUi.Api;
using AdminServer.AdminUi.Operations;

namespace AdminServer.AdminUi.Security;

/// <summary>
/// 400 for any request whose Host is not one of the admin's own names and ports (<see cref="AdminHosts"/>):
/// the defence against DNS rebinding, and what makes "the request's own origin" trustworthy for
/// <see cref="OriginCheckMiddleware"/>. The probes (GET or HEAD of /healthz and /readyz) are exempt: a load
/// balancer or kubelet asks by address, and their answer is a status word and nothing else.
/// </summary>
public sealed class HostCheckMiddleware(RequestDelegate next, AdminHosts hosts)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (hosts.IsAllowed(context.Request) || Probes.IsProbe(context.Request)) return next(context);
        return Problem.WriteAsync(context, StatusCodes.Status400BadRequest, "Unknown host",
            $"Host '{ProblemText.Cut(context.Request.Host.Value)}' is not a name of this admin server " +
            $"(allowed: {string.Join(", ", hosts.Names)} on port {string.Join(", ", hosts.Ports)}; see Admin:AllowedHosts).");
    }
}
