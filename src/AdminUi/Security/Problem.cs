namespace AdminServer.AdminUi.Security;

/// <summary>Answers a request from a middleware with an RFC 7807 problem, as the endpoints do.</summary>
public static class Problem
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
}
