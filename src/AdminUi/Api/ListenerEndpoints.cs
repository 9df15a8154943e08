using AdminServer.AdminUi.Operations;
using AdminServer.AdminUi.Services;
using AdminServer.Engine;

namespace AdminServer.AdminUi.Api;

/// <summary>Listeners at runtime: GET /api/listeners, and POST …/{name}/disable|enable|drain (audited; 404 for an unknown name).</summary>
public static class ListenerEndpoints
{
    public static void MapListenerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        api.MapRead("/listeners", async (ListenerActions listeners) => Results.Ok(await listeners.ListAsync(TimeSpan.FromSeconds(2))));

        foreach (var action in Enum.GetValues<ListenerAction>())
        {
            api.MapPost($"/listeners/{{name}}/{action.ToString().ToLowerInvariant()}", (string name, HttpRequest request, ListenerActions listeners) =>
                listeners.Change(name, action, EngineEndpoints.Actor(request)) is { } row
                    ? Results.Ok(row)
                    : Results.Problem(statusCode: 404, title: "No such listener",
                        detail: $"There is no listener named '{LogText.Clean(name, 100)}'. GET /api/listeners lists them."));
        }
    }
}
