namespace AdminServer.AdminUi.Components.Teaching;

/// <summary>What a setting or counter is, and what the user should see change when it moves or is flipped.</summary>
public sealed record Lesson(string What, string Expect);
