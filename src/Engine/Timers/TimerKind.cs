using System.Text.Json.Serialization;

namespace AdminServer.Engine.Timers;

/// <summary>The three interchangeable timer structures the engine can switch between at runtime.</summary>
// Serialized as a string so the dashboard JSON reads "Wheel" rather than a bare number.
[JsonConverter(typeof(JsonStringEnumConverter<TimerKind>))]
public enum TimerKind
{
    /// <summary>Ascending doubly linked list (<see cref="SortedTimerList"/>).</summary>
    List,

    /// <summary>Hierarchical timing wheel (<see cref="HierarchicalTimerWheel"/>).</summary>
    Wheel,

    /// <summary>Binary min-heap (<see cref="TimerHeap"/>).</summary>
    Heap,
}
