using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;
using Microsoft.Playwright;

namespace DossierWorkflow.Browser.Tests;

/// <summary>
/// The officers' host served by Kestrel on a real loopback port (on SQLite), and a headless Debian Chromium driven by
/// Playwright. One per test class; each test opens its own <see cref="IBrowserContext"/> (fresh cookies).
/// Skips when Chromium is missing, fails instead under <c>REQUIRE_BROWSER=1</c>.
/// </summary>
public class BrowserApp : SqliteApp
{
    public const string RequireVariable = "REQUIRE_BROWSER";

    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";


    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserApp()
    {
        // Port 0: Kestrel binds a port the OS picks as it starts, so no other process can take it in between.
        UseKestrel(0);
    }

    public static string? MissingReason =>
        File.Exists(ChromiumPath) ? null : $"Chromium was not found at {ChromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH).";

    /// <summary>The address the app is served on, e.g. <c>http://127.0.0.1:41234/</c>; known once the server has started.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>A fresh browser context (own cookies) on the running app; the caller disposes it.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        TestRequirements.Require(RequireVariable, MissingReason);
        await _gate.WaitAsync();
        try
        {
            if (_browser is null)
            {
                StartServer();
                await OnServerStartedAsync();
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ChromiumPath,
                    Headless = true,
                    Args =
                    [
                        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    ],
                });
            }
        }
        finally
        {
            _gate.Release();
        }

        return await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), Locale = "vi-VN" });
    }

    /// <summary>Runs once the server listens and <see cref="BaseAddress"/> is known.</summary>
    protected virtual Task OnServerStartedAsync() => Task.CompletedTask;

    /// <summary>A page of <paramref name="context"/> signed in through the sign-in form as a demo officer, on the home page.</summary>
    public async Task<IPage> SignedInPageAsync(IBrowserContext context, string userName = "tiepnhan")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/SignIn");
        await page.Locator("#UserName").FillAsync(userName);
        await page.Locator("#Password").FillAsync(Dossiers.Organisation.DemoOrganisation.DemoPassword);
        await page.Locator("#sign-in button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(BaseAddress.ToString());
        return page;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _gate.Dispose();
        await base.DisposeAsync();
    }
}
