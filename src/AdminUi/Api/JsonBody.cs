using System.Text.Json;

namespace AdminServer.AdminUi.Api;

/// <summary>
/// Reads an API request body as JSON and turns every way a client can get it wrong into a 4xx
/// problem: not JSON, nested too deep, a string or property name holding a lone UTF-16 surrogate
/// (System.Text.Json parses "\ud800" but throws when the string is read), a body over the size cap
/// (413), a bad chunk or a body cut short (400). None of them reaches the exception handler as a 500.
/// </summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static async Task<JsonBodyResult> ReadAsync(HttpRequest request, string title)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, Options, request.HttpContext.RequestAborted);
            if (FindInvalidString(document.RootElement, "$") is { } where)
                return Fail(400, title, $"The body holds a string that is not valid UTF-16 (a lone surrogate) at {ProblemText.Cut(where)}.");
            return new JsonBodyResult(document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return Fail(400, title, $"The body is not valid JSON: {ProblemText.Cut(e.Message)}");
        }
        catch (BadHttpRequestException e)
        {
            return Fail(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : title,
                ProblemText.Cut(e.Message));
        }
    }

    /// <summary>The JSON path of the first string or property name that cannot be read as UTF-16, or null.</summary>
    private static string? FindInvalidString(JsonElement e, string path)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(() => e.GetString()) ? null : path;
            case JsonValueKind.Object:
                int i = 0;
                foreach (var p in e.EnumerateObject())
                {
                    if (!Readable(() => p.Name)) return $"{path} (property {i})";
                    if (FindInvalidString(p.Value, $"{path}.{p.Name}") is { } inner) return inner;
                    i++;
                }
                return null;
            case JsonValueKind.Array:
                int j = 0;
                foreach (var item in e.EnumerateArray())
                    if (FindInvalidString(item, $"{path}[{j++}]") is { } inner) return inner;
                return null;
            default:
                return null;
        }
    }

    private static bool Readable(Func<string?> read)
    {
        try { read(); return true; }
        catch (InvalidOperationException) { return false; }
    }

    private static JsonBodyResult Fail(int status, string title, string detail) =>
        new(default, Results.Problem(statusCode: status, title: title, detail: detail));
}
