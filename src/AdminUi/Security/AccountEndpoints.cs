using AdminServer.AdminUi.Services;
using Microsoft.AspNetCore.Authentication;

namespace AdminServer.AdminUi.Security;

/// <summary>
/// Logout is a POST with an antiforgery token (the form in the app bar), never a GET, so a link
/// or an image on another page cannot end the session. Login is the /login page's own form.
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Taking the form makes the endpoint validate the antiforgery token (UseAntiforgery).
        app.MapPost("/account/logout", async (HttpContext context, IFormCollection form, AuditLog audit) =>
        {
            audit.Add("auth", AdminPrincipal.Describe(context.User, ClientAddress.Of(context).ToString()), "logout", "signed out");
            await context.SignOutAsync(AdminAuthentication.CookieSchemeName);
            return Results.LocalRedirect(AdminAuthentication.LoginPath);
        });
    }
}
