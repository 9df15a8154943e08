using System.Security.Claims;
using AdminServer.AdminUi.Security;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// The browser behind one console circuit: the address it connected from (for the audit log: who
/// did it and from where, as the API records) and its theme. Both come from the page's HTTP request
/// (App.razor hands them to the root component, whose parameters the server protects), because a
/// circuit has no HTTP request of its own. Scoped: one per circuit.
/// </summary>
public sealed class ConsoleClient
{
    public const string ThemeCookie = "adminserver-theme";

    public string Address { get; set; } = "?";

    public bool DarkTheme { get; set; } = true;

    /// <summary>"admin@127.0.0.1 (console)": the API's actor form, marked as a console action.</summary>
    public string Actor(ClaimsPrincipal? user) => $"{AdminPrincipal.Describe(user, Address)} (console)";
}
