using System.Text.Json;

namespace AdminServer.AdminUi.Api;

/// <summary>A request body read by <see cref="JsonBody"/>: the parsed value, or the problem to answer with.</summary>
public readonly record struct JsonBodyResult(JsonElement Value, IResult? Problem);
