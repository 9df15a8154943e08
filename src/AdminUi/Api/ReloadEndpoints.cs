using AdminServer.AdminUi.Hosting;

namespace AdminServer.AdminUi.Api;

/// <summary>
/// POST /api/reload: the same reload SIGHUP triggers, answered with what changed, why it was rejected
/// (400), or 503 when the server is out of file descriptors and could not read the file or bind.
/// </summary>
public static class ReloadEndpoints
{
    public static void MapReloadApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/reload", async (HttpRequest request, ReloadService reload) =>
        {
            var outcome = await reload.ReloadAsync(EngineEndpoints.Actor(request));
            if (outcome.Applied) return Results.Ok(new { applied = true, changes = outcome.Changes });
            string detail = ProblemText.Join(outcome.Errors);
            return outcome.Exhausted is not null
                ? ProcessEndpoints.Unavailable(request, "Reload not possible now; the running configuration is unchanged", detail)
                : Results.Problem(statusCode: 400, title: "Configuration rejected; the running configuration is unchanged", detail: detail);
        }).RequireAuthorization();
    }
}
