namespace AdminServer.Engine.Timers;

/// <summary>Occupancy of one wheel level for the dashboard.</summary>
/// <param name="Level">Level number, 0 being the finest.</param>
/// <param name="SlotCount">Slots in the level (a power of two).</param>
/// <param name="GranularityMs">Width of one slot in ms.</param>
/// <param name="CurrentSlot">Slot the wheel's current time falls in at this level.</param>
/// <param name="Occupancy">Number of timers in each slot; length <paramref name="SlotCount"/>.</param>
public sealed record WheelLevelShape(int Level, int SlotCount, long GranularityMs, int CurrentSlot, int[] Occupancy);
