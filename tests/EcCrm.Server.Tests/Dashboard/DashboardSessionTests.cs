using System.Net;
using System.Security.Cryptography;
using System.Text;
using EcCrm.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EcCrm.Server.Tests.Dashboard;

/// <summary>The dashboard's sign-in cookie: signed, expiring on the Server, new at every sign-in, and bound to the API key.</summary>
public class DashboardSessionTests
{
    private const string OtherApiKey = "another-api-key-9876543210fedcba";

    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false, HandleCookies = false };

    [Fact]
    public async Task EverySignInGetsItsOwnCookieAndEachOpensTheDashboard()
    {
        await using var host = Host();
        using var client = host.CreateClient(NoRedirects);

        var first = await SignInAsync(client);
        var second = await SignInAsync(client);

        Assert.NotEqual(first, second);
        Assert.DoesNotContain(TestSettings.ApiKey, first, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await DashboardAsync(client, first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DashboardAsync(client, second)).StatusCode);
    }

    [Fact]
    public async Task ATamperedOrForgedCookieIsSentToTheSignIn()
    {
        await using var host = Host();
        using var client = host.CreateClient(NoRedirects);
        var cookie = await SignInAsync(client);
        var parts = cookie.Split('.');

        var laterExpiry = string.Join('.', parts[0], parts[1], (long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) + 86_400).ToString(System.Globalization.CultureInfo.InvariantCulture), parts[3], parts[4]);
        var otherSignature = string.Join('.', parts[..4]) + "." + (parts[4][0] == 'A' ? 'B' : 'A') + parts[4][1..];
        var formerConstant = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(TestSettings.ApiKey), "eccrm-dashboard-session-v1"u8))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        foreach (var forged in new[] { laterExpiry, otherSignature, formerConstant, "v2.1.2.3.4", string.Empty })
        {
            AssertSentToSignIn(await DashboardAsync(client, forged));
        }

        Assert.Equal(HttpStatusCode.OK, (await DashboardAsync(client, cookie)).StatusCode);
    }

    [Fact]
    public async Task ASessionExpiresOnTheServerAfterItsLifetime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = Host(new() { ["Api:SessionLifetime"] = "02:00:00" }, clock);
        using var client = host.CreateClient(NoRedirects);
        var cookie = await SignInAsync(client);

        clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, (await DashboardAsync(client, cookie)).StatusCode);

        clock.Advance(TimeSpan.FromSeconds(5));
        AssertSentToSignIn(await DashboardAsync(client, cookie));
    }

    [Fact]
    public async Task ChangingTheApiKeySignsEveryoneOut()
    {
        string cookie;
        await using (var before = Host())
        {
            cookie = await SignInAsync(before.CreateClient(NoRedirects));
        }

        await using var sameKey = Host();
        await using var newKey = Host(new() { ["Api:Key"] = OtherApiKey });

        Assert.Equal(HttpStatusCode.OK, (await DashboardAsync(sameKey.CreateClient(NoRedirects), cookie)).StatusCode);
        AssertSentToSignIn(await DashboardAsync(newKey.CreateClient(NoRedirects), cookie));
    }

    private static ServerHost Host(Dictionary<string, string?>? settings = null, FakeTimeProvider? clock = null)
    {
        var overrides = new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" };
        foreach (var (key, value) in settings ?? [])
        {
            overrides[key] = value;
        }

        return new ServerHost(overrides) { ConfigureServices = clock is null ? null : services => services.AddSingleton<TimeProvider>(clock) };
    }

    private static async Task<string> SignInAsync(HttpClient client)
    {
        var response = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent([new("apiKey", TestSettings.ApiKey)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), header => header.StartsWith("eccrm_session=", StringComparison.Ordinal));
        return setCookie["eccrm_session=".Length..setCookie.IndexOf(';', StringComparison.Ordinal)];
    }

    private static Task<HttpResponseMessage> DashboardAsync(HttpClient client, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "eccrm_session=" + cookie);
        return client.SendAsync(request);
    }

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location?.OriginalString);
    }
}
