using System.Text.RegularExpressions;
using AdminServer.E2eTests.Support;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

[Collection(ConsoleCollection.Name)]
public class LoginTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task An_unauthenticated_visit_lands_on_login_a_wrong_password_is_refused_and_the_right_one_gets_in()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        await s.RunAsync(async () =>
        {
            await s.Page.GotoAsync("/connections");
            await Expect(s.Page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2Fconnections$", RegexOptions.IgnoreCase));

            await s.Page.GetByTestId("password").FillAsync("not-the-password");
            await s.Page.GetByTestId("login").ClickAsync();
            await Expect(s.Page.GetByTestId("login-error")).ToBeVisibleAsync();
            await Expect(s.Page).ToHaveURLAsync(new Regex("/login"));
            Assert.DoesNotContain(await s.Context.CookiesAsync(), c => c.Name == "AdminServer.Auth");

            await s.Page.GetByTestId("password").FillAsync(ServerProcess.Password);
            await s.Page.GetByTestId("login").ClickAsync();
            await s.WaitInteractiveAsync();
            await Expect(s.Page).ToHaveURLAsync(new Regex("/connections$"));
            await Expect(s.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Connections", Exact = true })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task The_console_is_styled_and_interactive_and_logout_ends_the_session()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        await s.RunAsync(async () =>
        {
            await s.LoginAsync();
            // MudBlazor's stylesheet (a static web asset of the build output) really loaded.
            Assert.True(await s.Page.EvaluateAsync<bool>(
                "() => [...document.styleSheets].some(x => (x.href || '').includes('MudBlazor') && x.cssRules.length > 100)"));
            // A click is handled by the circuit: the theme switches from dark to light.
            string before = await s.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
            await s.Page.GetByTestId("theme-toggle").ClickAsync();
            await s.Page.WaitForFunctionAsync("b => getComputedStyle(document.body).backgroundColor !== b", before,
                new() { Timeout = ConsoleSession.Timeout });

            await s.Page.GetByTestId("logout").ClickAsync();
            await Expect(s.Page).ToHaveURLAsync(new Regex("/login"));
            await s.Page.GotoAsync("/");
            await Expect(s.Page).ToHaveURLAsync(new Regex("/login"));
        });
    }
}
