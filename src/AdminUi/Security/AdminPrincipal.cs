using System.Security.Claims;
using AdminServer.AdminUi.Hosting;

namespace AdminServer.AdminUi.Security;

/// <summary>The identity a successful console login carries in its cookie.</summary>
public static class AdminPrincipal
{
    public static ClaimsPrincipal Create(string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, AdminPassword.User)], scheme));

    /// <summary>Who did it, for the audit log: the user and where the browser or script connected from.</summary>
    public static string Describe(ClaimsPrincipal? user, string? remote) =>
        $"{user?.Identity?.Name ?? "anonymous"}@{remote ?? "?"}";
}
