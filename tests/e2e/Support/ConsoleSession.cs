using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace AdminServer.E2eTests.Support;

/// <summary>
/// A fresh browser context (its own cookies) on the fixture's server for one test. Run the test's
/// steps through <see cref="RunAsync"/>: a failure saves a full-page screenshot under
/// tests/e2e/screenshots/ before it is rethrown.
/// </summary>
public sealed class ConsoleSession : IAsyncDisposable
{
    /// <summary>Upper bound for any single wait on the page: generous for a loaded 2-core CI machine, still bounded.</summary>
    public const float Timeout = 15_000;

    private ConsoleSession(ConsoleFixture fixture, ServerProcess server, IBrowserContext context, IPage page)
    {
        Fixture = fixture;
        Server = server;
        Context = context;
        Page = page;
    }

    public ConsoleFixture Fixture { get; }
    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public ServerProcess Server { get; }

    /// <summary>A phone's viewport (CSS pixels), for the layout tests.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <param name="server">Another server than the fixture's (e.g. one with declared programs); the fixture's Chromium drives it.</param>
    /// <param name="viewport">The window size; a 1440×900 desktop unless given (e.g. <see cref="Phone"/>).</param>
    public static async Task<ConsoleSession> OpenAsync(ConsoleFixture fixture, ServerProcess? server = null, ViewportSize? viewport = null)
    {
        server ??= fixture.Server;
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = viewport ?? new ViewportSize { Width = 1440, Height = 900 },
            IsMobile = viewport is not null && viewport.Width < 600,
            HasTouch = viewport is not null && viewport.Width < 600,
        });
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        return new ConsoleSession(fixture, server, context, page);
    }

    /// <summary>Logs in through the form and waits until the dashboard is interactive.</summary>
    public async Task LoginAsync(string path = "/")
    {
        await Page.GotoAsync(path);
        await Page.GetByTestId("password").FillAsync(ServerProcess.Password);
        await Page.GetByTestId("login").ClickAsync();
        await WaitInteractiveAsync();
    }

    /// <summary>Navigates (full load) and waits until the page's circuit has rendered, so clicks are handled.</summary>
    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitInteractiveAsync();
    }

    public Task WaitInteractiveAsync() =>
        Page.Locator("[data-interactive=yes]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Timeout });

    public async Task RunAsync(Func<Task> steps, [CallerMemberName] string name = "")
    {
        try { await steps(); }
        catch
        {
            await SaveScreenshotAsync(Page, Path.Combine(Paths.FailureScreenshots, $"{name}.png"));
            throw;
        }
    }

    public static async Task SaveScreenshotAsync(IPage page, string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 10_000 });
        }
        catch (PlaywrightException) { /* the failure itself matters more than its picture */ }
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
