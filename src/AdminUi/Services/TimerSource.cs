using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using AdminServer.Engine;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// The Timers page's source. The engine's timer API (<c>ServerEngine.GetTimersAsync()</c>) is
/// being added concurrently; looking it up by name keeps the console building before and after
/// it lands, and lets the page draw exactly what the engine returns (as JSON) instead of
/// inventing timers. <see cref="Available"/> is false until the method exists.
/// </summary>
public sealed class TimerSource(ServerEngine engine)
{
    private static readonly MethodInfo? GetTimers =
        typeof(ServerEngine).GetMethod("GetTimersAsync", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public bool Available => GetTimers is not null;

    /// <summary>The engine's timer report as JSON, or null when the engine has no timer API.</summary>
    public async Task<JsonElement?> GetAsync()
    {
        if (GetTimers is null) return null;
        object? returned = GetTimers.Invoke(engine, null);
        // Task<T> or ValueTask<T>: either way, await it and read Result.
        if (returned is not null && returned.GetType().GetMethod("AsTask", Type.EmptyTypes) is { } asTask)
            returned = asTask.Invoke(returned, null);
        if (returned is not Task task) return JsonSerializer.SerializeToElement(returned, Json);
        await task.WaitAsync(TimeSpan.FromSeconds(5));
        object? result = task.GetType().GetProperty("Result")?.GetValue(task);
        return JsonSerializer.SerializeToElement(result, result?.GetType() ?? typeof(object), Json);
    }
}
