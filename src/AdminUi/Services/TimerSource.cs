using System.Text.Json;
using System.Text.Json.Serialization;
using AdminServer.Engine;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// The Timers page's source: the engine's own picture of its timer structure
/// (<see cref="ServerEngine.GetTimersAsync"/>), handed to the page as JSON so the page draws
/// exactly the shape the engine reports and invents nothing.
/// </summary>
public sealed class TimerSource(ServerEngine engine)
{
    /// <summary>Nodes drawn: six levels of a heap still fit the page's width legibly.</summary>
    public const int MaxNodes = 63;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<JsonElement?> GetAsync()
    {
        var shape = await engine.GetTimersAsync(MaxNodes).WaitAsync(TimeSpan.FromSeconds(5));
        return JsonSerializer.SerializeToElement(shape, Json);
    }
}
