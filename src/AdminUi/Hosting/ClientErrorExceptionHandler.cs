using AdminServer.AdminUi.Api;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// The exceptions that are not the server's bug, answered as what they are instead of a 500 with a
/// stack trace in the log: a malformed or oversized request (Kestrel's BadHttpRequestException: bad
/// chunk, body cut short or too slow, over the size cap) is the client's 4xx; a client that went away
/// gets nothing (and is not an error); fd exhaustion is 503 with the errno. Anything else is left to
/// the default handler (500, logged): that one is a bug.
/// </summary>
public sealed class ClientErrorExceptionHandler(IProblemDetailsService problems, ILogger<ClientErrorExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // Checked before "the client went away": a body cut short by a half-close is both, and the
        // client may still read the answer.
        if (exception is BadHttpRequestException bad)
        {
            logger.LogDebug("Bad request {Method} {Path}: {Message}", context.Request.Method, context.Request.Path, bad.Message);
            return await WriteAsync(context, bad.StatusCode, bad.StatusCode == 413 ? "Request body too large" : "Bad request", ProblemText.Cut(bad.Message));
        }
        if (context.RequestAborted.IsCancellationRequested || exception is ConnectionResetException)
        {
            logger.LogDebug("Client went away during {Method} {Path}", context.Request.Method, context.Request.Path);
            return true;
        }
        if (ResourceExhaustion.Reason(exception) is { } reason)
        {
            logger.LogWarning("{Method} {Path} failed: {Reason}", context.Request.Method, context.Request.Path, reason);
            context.Response.Headers.RetryAfter = "1";
            return await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Out of file descriptors",
                $"The request could not be completed: {ResourceExhaustion.Describe(reason)}. Retry once connections close.");
        }
        return false;
    }

    private async Task<bool> WriteAsync(HttpContext context, int status, string title, string detail)
    {
        if (context.Response.HasStarted) return true;
        context.Response.StatusCode = status;
        try
        {
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
            });
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ConnectionResetException)
        {
            // The client is gone; the answer had nowhere to go.
        }
        return true;
    }
}
