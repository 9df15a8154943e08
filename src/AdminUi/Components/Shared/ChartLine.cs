using AdminServer.AdminUi.Services;

namespace AdminServer.AdminUi.Components.Shared;

/// <summary>One line of a <see cref="TimeChart"/>: its legend name, its colour (a <see cref="ChartPalette"/> index) and the value it draws from each rate sample.</summary>
public sealed record ChartLine(string Name, int Color, Func<RateSample, double> Pick);
