using System.Text.Json;

namespace AdminServer.AdminUi.Components.Shared;

/// <summary>
/// One timer structure as the engine reported it (read from its JSON, so the page follows the
/// engine's own shape): kind (Heap, Wheel, List), pending count, next expiry and the entries it
/// chose to show, with wheel levels when it is a wheel.
/// </summary>
public sealed record TimerStructure(string Name, string Kind, int Count, double? NextDueInMs,
    IReadOnlyList<TimerStructure.Entry> Entries, IReadOnlyList<TimerStructure.WheelLevel> Levels, int DueCount, int OverflowCount)
{
    public sealed record Entry(double RemainingMs, string? Owner, int Level, int Slot);

    public sealed record WheelLevel(int Level, int SlotCount, double GranularityMs, int CurrentSlot, IReadOnlyList<int> Occupancy);

    /// <summary>Every object in the report that looks like a timer structure (has "kind" and "entries"), named by where it was found.</summary>
    public static IReadOnlyList<TimerStructure> FindAll(JsonElement report)
    {
        var found = new List<TimerStructure>();
        Walk(report, "timers", found);
        return found;
    }

    private static void Walk(JsonElement e, string name, List<TimerStructure> found)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            if (TryRead(e, name, out var s)) { found.Add(s); return; }
            foreach (var p in e.EnumerateObject()) Walk(p.Value, p.Name, found);
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in e.EnumerateArray()) Walk(item, $"{name}[{i++}]", found);
        }
    }

    private static bool TryRead(JsonElement e, string name, out TimerStructure structure)
    {
        structure = null!;
        if (!e.TryGetProperty("kind", out var kind) || !e.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
            return false;
        var list = entries.EnumerateArray().Select(x => new Entry(
            Number(x, "remainingMs") ?? 0, x.TryGetProperty("owner", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null,
            (int)(Number(x, "level") ?? -1), (int)(Number(x, "slot") ?? -1))).ToArray();
        var levels = e.TryGetProperty("levels", out var lv) && lv.ValueKind == JsonValueKind.Array
            ? lv.EnumerateArray().Select(l => new WheelLevel((int)(Number(l, "level") ?? 0), (int)(Number(l, "slotCount") ?? 0),
                Number(l, "granularityMs") ?? 0, (int)(Number(l, "currentSlot") ?? 0),
                l.TryGetProperty("occupancy", out var occ) && occ.ValueKind == JsonValueKind.Array ? occ.EnumerateArray().Select(v => v.GetInt32()).ToArray() : [])).ToArray()
            : [];
        structure = new TimerStructure(name, kind.ToString(), (int)(Number(e, "count") ?? list.Length), Number(e, "nextDueInMs"),
            list, levels, (int)(Number(e, "dueCount") ?? 0), (int)(Number(e, "overflowCount") ?? 0));
        return true;
    }

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
