using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AdminServer.LoadTool;

/// <summary>The few admin API calls the load tool needs: switch modes, read counters.</summary>
public sealed class AdminClient(string baseUrl, string password) : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = new Uri(baseUrl),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{password}"))) },
    };

    public async Task SetModeAsync(string trigger, bool oneShot, string model)
    {
        var response = await _http.PatchAsJsonAsync("/api/engine", new { trigger, oneShot, eventModel = model });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"PATCH /api/engine: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<JsonElement> CountersAsync() =>
        (await _http.GetFromJsonAsync<JsonElement>("/api/engine")).GetProperty("counters");

    public void Dispose() => _http.Dispose();
}
