namespace AdminServer.AdminUi.Security;

/// <summary>
/// Answers 429 with Retry-After, before any password is checked, to a request with Basic credentials
/// from an address that <see cref="LoginThrottle"/> holds back. (The login form asks the throttle itself,
/// so a browser gets the page with a message rather than JSON.)
/// </summary>
public sealed class BasicThrottleMiddleware(RequestDelegate next, LoginThrottle throttle)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
            || throttle.RetryAfter(ClientAddress.Of(context)) is not { } wait)
            return next(context);
        int seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many wrong passwords",
            $"Too many wrong passwords from this address; try again in {seconds} s.");
    }
}
