using System.Text.Json;
using AdminServer.Engine;
using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Timers;

namespace AdminServer.AdminUi.Api;

/// <summary>
/// Parses the body of PATCH /api/engine by hand, so every bad value is answered with the
/// name of the field and the values it accepts rather than a generic binding failure. Names must
/// match exactly (<see cref="StrictEnum"/>); values echoed back are cut (<see cref="ProblemText"/>).
/// </summary>
public static class EnginePatch
{
    public static ModeChange Parse(JsonElement body, List<string> errors, out TimerKind? timer)
    {
        timer = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("The body must be a JSON object such as {\"trigger\": \"LT\", \"oneShot\": false, \"eventModel\": \"Proactor\"}.");
            return new ModeChange();
        }
        TriggerMode? trigger = null;
        bool? oneShot = null;
        EventModel? model = null;
        ConcurrencyKind? concurrency = null;
        PollerKind? poller = null;
        foreach (var p in body.EnumerateObject())
        {
            switch (p.Name.ToLowerInvariant())
            {
                case "trigger":
                    trigger = ParseEnum<TriggerMode>(p, errors);
                    break;
                case "oneshot":
                    if (p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False) oneShot = p.Value.GetBoolean();
                    else errors.Add($"'{p.Name}' must be true or false, not {ProblemText.Cut(p.Value.GetRawText())}.");
                    break;
                case "eventmodel":
                    model = ParseEnum<EventModel>(p, errors);
                    break;
                case "concurrency":
                    concurrency = ParseEnum<ConcurrencyKind>(p, errors);
                    break;
                case "poller":
                    poller = ParseEnum<PollerKind>(p, errors);
                    break;
                case "timer":
                    timer = ParseEnum<TimerKind>(p, errors);
                    break;
                default:
                    errors.Add($"'{ProblemText.Cut(p.Name)}' is not a setting that can be changed here (concurrency, poller, trigger, oneShot, eventModel, timer).");
                    break;
            }
        }
        return new ModeChange(trigger, oneShot, model, concurrency, poller);
    }

    private static T? ParseEnum<T>(JsonProperty p, List<string> errors) where T : struct, Enum
    {
        if (p.Value.ValueKind == JsonValueKind.String && StrictEnum.TryParse<T>(p.Value.GetString(), out var v))
            return v;
        errors.Add($"'{p.Name}' must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => $"\"{n}\""))}, not {ProblemText.Cut(p.Value.GetRawText())}.");
        return null;
    }
}
