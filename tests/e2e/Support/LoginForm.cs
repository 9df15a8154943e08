using System.Net;
using System.Text.RegularExpressions;

namespace AdminServer.E2eTests.Support;

/// <summary>
/// The console's login form driven over plain HTTP, as a password-guessing script would: GET the
/// form (cookies kept), then POST its hidden fields (antiforgery token, one-time nonce, handler
/// name) with a password.
/// </summary>
public sealed partial class LoginForm : IDisposable
{
    private readonly HttpClient _client;

    public LoginForm(ServerProcess server)
    {
        _client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(server.BaseUrl),
        };
    }

    /// <summary>The hidden fields of a freshly rendered form.</summary>
    public async Task<Dictionary<string, string>> FetchAsync()
    {
        string html = await _client.GetStringAsync("/login");
        return HiddenInput().Matches(html).ToDictionary(
            m => WebUtility.HtmlDecode(Attribute(m.Value, "name")), m => WebUtility.HtmlDecode(Attribute(m.Value, "value")));
    }

    public async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> fields, string password)
    {
        var form = new Dictionary<string, string>(fields) { ["Input.Password"] = password };
        return await _client.PostAsync("/login", new FormUrlEncodedContent(form));
    }

    /// <summary>GET then POST: one attempt.</summary>
    public async Task<HttpResponseMessage> TryAsync(string password) => await PostAsync(await FetchAsync(), password);

    private static string Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\b{name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : "";

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();

    public void Dispose() => _client.Dispose();
}
