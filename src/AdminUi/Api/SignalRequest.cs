using System.Text.Json;
using AdminServer.Engine.Processes;

namespace AdminServer.AdminUi.Api;

/// <summary>
/// Reads <c>{"target": {"kind": "process"|"group"|"self", "id": N}, "signal": "TERM"}</c>. Only the
/// shape is checked here; whether the target and the signal are allowed is the manager's decision.
/// </summary>
public static class SignalRequest
{
    /// <summary>Null when the body is well-formed, else a message naming the field.</summary>
    public static string? Parse(JsonElement body, out SignalTarget target, out string signal)
    {
        target = default;
        signal = "";
        if (body.ValueKind != JsonValueKind.Object) return "The body must be a JSON object: {\"target\": {\"kind\": \"process\", \"id\": 1234}, \"signal\": \"TERM\"}.";
        if (!body.TryGetProperty("signal", out var s) || s.ValueKind != JsonValueKind.String)
            return $"signal is required: a name such as \"TERM\" (allowed: {SignalAllowlist.Describe()}).";
        signal = s.GetString()!;
        // Names are short; anything longer is refused here rather than echoed back in an error.
        if (signal.Length > 16) return $"signal '{ProblemText.Cut(signal)}' is not a signal name (allowed: {SignalAllowlist.Describe()}).";
        if (!body.TryGetProperty("target", out var t) || t.ValueKind != JsonValueKind.Object)
            return "target is required: {\"kind\": \"process\"|\"group\"|\"self\", \"id\": N}.";
        if (!t.TryGetProperty("kind", out var k) || k.ValueKind != JsonValueKind.String)
            return "target.kind is required: \"process\", \"group\" or \"self\".";
        SignalTargetKind kind;
        switch (k.GetString()!.ToLowerInvariant())
        {
            case "process": kind = SignalTargetKind.Process; break;
            case "group": kind = SignalTargetKind.Group; break;
            case "self": kind = SignalTargetKind.Self; break;
            default: return $"target.kind '{ProblemText.Cut(k.GetString())}' is unknown: use \"process\", \"group\" or \"self\".";
        }
        int id = 0;
        if (t.TryGetProperty("id", out var i) && i.ValueKind != JsonValueKind.Null)
        {
            if (i.ValueKind != JsonValueKind.Number || !i.TryGetInt32(out id)) return "target.id must be an integer pid or pgid.";
        }
        else if (kind != SignalTargetKind.Self) return $"target.id is required for kind \"{kind.ToString().ToLowerInvariant()}\".";
        target = new SignalTarget(kind, id);
        return null;
    }
}
