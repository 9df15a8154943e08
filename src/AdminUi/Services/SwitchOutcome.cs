using AdminServer.Engine.Loop;

namespace AdminServer.AdminUi.Services;

/// <summary>What a console switch did: the engine's result, or its refusal (the API's 409 reason), or a failure.</summary>
public sealed record SwitchOutcome(ModeSwitchResult? Result, string? Refusal, string? Error);
