namespace AdminServer.AdminUi.Security;

/// <summary>
/// What a request body may be. Every body is capped at <see cref="MaxBytes"/> (also Kestrel's
/// limit, which catches chunked bodies while they are read): a declared length over it is answered
/// 413 before anything reads it. Under /api a body must be JSON (415 otherwise): an HTML form or a
/// no-cors fetch can only send text/plain, form or multipart bodies, never application/json.
/// The login and logout forms are outside /api and keep their form bodies (with antiforgery).
/// </summary>
public sealed class RequestBodyRules(RequestDelegate next)
{
    public const long MaxBytes = 64 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBytes)
            return Problem.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The body has {request.ContentLength} bytes; the admin accepts at most {MaxBytes}.");
        bool hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (hasBody && request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !request.HasJsonContentType())
            return Problem.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "JSON only",
                $"The API takes application/json bodies, not '{Api.ProblemText.Cut(request.ContentType ?? "(none)")}'.");
        return next(context);
    }
}
