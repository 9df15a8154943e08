namespace AdminServer.AdminUi.Components.Shared;

/// <summary>One line of a <see cref="LineChart"/>: its name, CSS colour and values, oldest first.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double> Values);
