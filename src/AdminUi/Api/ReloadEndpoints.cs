using AdminServer.AdminUi.Hosting;

namespace AdminServer.AdminUi.Api;

/// <summary>POST /api/reload: the same reload SIGHUP triggers, answered with what changed or why it was rejected.</summary>
public static class ReloadEndpoints
{
    public static void MapReloadApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/reload", async (HttpRequest request, ReloadService reload) =>
        {
            var outcome = await reload.ReloadAsync(EngineEndpoints.Actor(request));
            return outcome.Applied
                ? Results.Ok(new { applied = true, changes = outcome.Changes })
                : Results.Problem(statusCode: 400, title: "Configuration rejected; the running configuration is unchanged",
                    detail: string.Join(" ", outcome.Errors));
        }).RequireAuthorization();
    }
}
