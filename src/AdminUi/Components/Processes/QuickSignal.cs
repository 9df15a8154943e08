using AdminServer.Engine.Processes;

namespace AdminServer.AdminUi.Components.Processes;

/// <summary>A one-click signal from a button of the Processes page (STOP/CONT/TERM to a member or a group).</summary>
public readonly record struct QuickSignal(SignalTarget Target, string Signal);
