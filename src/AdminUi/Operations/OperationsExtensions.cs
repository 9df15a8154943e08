using AdminServer.AdminUi.Api;
using AdminServer.AdminUi.Metrics;

namespace AdminServer.AdminUi.Operations;

/// <summary>The operator's routes in two lines of Program.cs: listeners at runtime, the probes and /metrics.</summary>
public static class OperationsExtensions
{
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddSingleton<ListenerActions>();
        services.AddSingleton<Readiness>();
        services.AddAdminMetrics();
        return services;
    }

    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapListenerApi();
        app.MapProbes();
        app.MapMetrics().RequireAuthorization();
    }
}
