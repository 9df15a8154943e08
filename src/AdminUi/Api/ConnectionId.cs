using System.Globalization;

namespace AdminServer.AdminUi.Api;

/// <summary>Reads a connection id from a URL segment, with a reason when it is not one.</summary>
public static class ConnectionId
{
    public static bool TryParse(string text, out long id, out string? problem)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0)
        {
            problem = null;
            return true;
        }
        string shown = text.Length > 40 ? text[..40] + "…" : text;
        shown = new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        problem = $"'{shown}' is not a connection id: ids are positive whole numbers, as GET /api/connections lists them.";
        return false;
    }
}
