using AdminServer.AdminUi.Services;
using AdminServer.Engine.Processes;

namespace AdminServer.AdminUi.Api;

/// <summary>
/// The managed-process API: declared programs, running groups and members, starting a declared
/// program, signals to a member / a managed group / the server, and kill-group. Nothing here
/// takes a command line: only program names from the configuration. Every request, done
/// or refused, goes through <see cref="ProcessActions"/> (the console's path too) and so to the audit log.
/// </summary>
public static class ProcessEndpoints
{
    public static void MapProcessApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        api.MapRead("/processes", (ProcessManager manager) => Results.Ok(manager.GetSnapshot()));

        api.MapPost("/programs/{name}/start", (string name, HttpRequest request, ProcessActions actions) =>
            StartAnswer(actions.Start(CleanName(name), EngineEndpoints.Actor(request)), request));

        api.MapPost("/programs/{name}/stop", async (string name, HttpRequest request, ProcessActions actions, CancellationToken cancellationToken) =>
        {
            var result = await actions.StopAsync(CleanName(name), EngineEndpoints.Actor(request), cancellationToken);
            return result.Outcome switch
            {
                StopOutcome.NotDeclared => Problem(404, "No such program", result.Detail),
                StopOutcome.NotRunning => Problem(409, "Program not running", result.Detail),
                _ => Results.Ok(result),
            };
        });

        api.MapPost("/programs/{name}/restart", async (string name, HttpRequest request, ProcessActions actions, CancellationToken cancellationToken) =>
        {
            var (stop, start) = await actions.RestartAsync(CleanName(name), EngineEndpoints.Actor(request), cancellationToken);
            return start.Outcome == StartOutcome.Started ? Results.Ok(new { stop, start }) : StartAnswer(start, request);
        });

        api.MapRead("/programs/{name}/log", (string name, int? tail, ProcessManager manager) =>
        {
            name = CleanName(name);
            if (tail is < 1 or > MaxTail) return Problem(400, "Invalid tail", $"tail must be between 1 and {MaxTail} lines, not {tail}.");
            if (!manager.TryGetLog(name, out var declared, out var log))
                return Problem(404, "No such program", $"No program named '{name}' is declared.");
            if (log is null)
                return Problem(404, "Output not captured", $"The output of '{declared}' goes to /dev/null (Programs:N:LogFile), so there is no log to read.");
            var lines = log.Tail(tail ?? 100);
            return Results.Text(lines.Count == 0 ? "" : string.Join('\n', lines) + "\n", "text/plain; charset=utf-8");
        });

        api.MapPost("/signals", async (HttpRequest request, ProcessManager manager, ProcessActions actions) =>
        {
            var body = await JsonBody.ReadAsync(request, "Invalid signal request");
            if (body.Problem is { } problem) return problem;
            if (SignalRequest.Parse(body.Value, out var target, out var signal) is { } error)
                return Problem(400, "Invalid signal request", error);

            var result = actions.Signal(target, signal, EngineEndpoints.Actor(request));
            return result.Outcome switch
            {
                SignalOutcome.RefusedUnknownSignal => Problem(400, "Unknown signal", result.Detail),
                SignalOutcome.RefusedInvalidTarget => Problem(400, "Target refused", result.Detail),
                SignalOutcome.RefusedNotManaged => Problem(403, "Target not managed", result.Detail),
                _ => Results.Ok(new
                {
                    target = new { kind = target.Kind.ToString().ToLowerInvariant(), id = target.Kind == SignalTargetKind.Self ? manager.ServerPid : target.Id },
                    signal = result.Signal,
                    killPid = result.KillPid,
                    sent = result.Outcome == SignalOutcome.Sent,
                    outcome = result.Outcome,
                    errno = result.Errno,
                    detail = result.Detail,
                }),
            };
        });

        api.MapPost("/groups/{pgid:int}/kill", async (int pgid, HttpRequest request, ProcessActions actions, CancellationToken cancellationToken) =>
        {
            var kill = await actions.KillGroupAsync(pgid, EngineEndpoints.Actor(request), cancellationToken);
            return kill.Refusal switch
            {
                GroupKillRefusal.InvalidPgid => Problem(400, "Target refused", kill.Detail),
                GroupKillRefusal.NotManaged => Problem(404, "No such managed group", kill.Detail),
                _ => Results.Ok(kill.Result),
            };
        });
    }

    private const int MaxTail = 10_000;

    /// <summary>
    /// A declared name is letters, digits, '-', '_', '.'; anything else cannot match one, and is cleaned (and cut)
    /// before it is echoed in the answer and the audit log.
    /// </summary>
    private static string CleanName(string name) =>
        name.Length > 200 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? LogText.Clean(name, 200) : name;

    private static IResult StartAnswer(StartResult result, HttpRequest request) => result.Outcome switch
    {
        StartOutcome.Started => Results.Ok(result),
        StartOutcome.NotDeclared => Results.Problem(statusCode: 404, title: "No such program", detail: result.Detail),
        StartOutcome.AlreadyRunning => Results.Problem(statusCode: 409, title: "Program already running", detail: result.Detail),
        StartOutcome.Unavailable => Unavailable(request, "Program not started", result.Detail),
        _ => Results.Problem(statusCode: 500, title: "Program could not be started", detail: result.Detail),
    };

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>503 with Retry-After: the server is out of fds or processes for now; nothing was done.</summary>
    public static IResult Unavailable(HttpRequest request, string title, string detail)
    {
        request.HttpContext.Response.Headers.RetryAfter = "1";
        return Results.Problem(statusCode: 503, title: title, detail: detail);
    }
}
