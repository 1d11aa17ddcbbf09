using EcCrm.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EcCrm.Dashboard.Tests;

/// <summary>The Server on a real loopback port (Kestrel) and a headless Debian Chromium driven by Playwright.</summary>
internal sealed class BrowserHost : IAsyncDisposable
{
    private readonly IPlaywright playwright;

    private BrowserHost(ServerHost server, Uri address, IPlaywright playwright, IBrowser browser)
    {
        Server = server;
        Address = address;
        this.playwright = playwright;
        Browser = browser;
    }

    public ServerHost Server { get; }

    public Uri Address { get; }

    public IBrowser Browser { get; }

    /// <summary>
    /// A new page whose waits allow for a loaded CI machine (the test projects run side by side with the fault
    /// harness): Playwright's default of 30 s is a limit on a quiet machine, not on a busy one.
    /// </summary>
    public async Task<IPage> NewPageAsync()
    {
        var page = await Browser.NewPageAsync();
        page.SetDefaultTimeout(90_000);
        page.SetDefaultNavigationTimeout(90_000);
        return page;
    }

    public static async Task<BrowserHost> StartAsync(ServerHost server)
    {
        server.UseKestrel(0);
        server.StartServer();
        var address = new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal)).Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new BrowserHost(server, address, playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
