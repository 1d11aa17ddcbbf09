using System.Net;
using EcCrm.Core.Messaging;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Server.Tests.Email;

/// <summary>The unsubscribe link: a confirmation page, one-click POST (RFC 8058), immediate suppression, forgeries refused.</summary>
public class UnsubscribeTests
{
    private static readonly CustomerKey Customer = TestKeys.ForEmail("aiko@example.jp");

    [Fact]
    public async Task TheLinkShowsAConfirmationAndOneClickUnsubscribesAtOnce()
    {
        await using var host = await HostWithCustomerAsync();
        var client = host.CreateClient();
        var token = host.Services.GetRequiredService<UnsubscribeTokens>().Create(Customer, "marketing");

        var page = await client.GetAsync(new Uri($"/unsubscribe?token={token}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"unsubscribe\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Suppressions(host)); // a GET (a link scanner) changes nothing

        var oneClick = await client.PostAsync(
            new Uri($"/unsubscribe?token={token}", UriKind.Relative),
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Contains("You are unsubscribed", await oneClick.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var suppression = Assert.Single(await Suppressions(host));
        Assert.Equal(SuppressionKind.Unsubscribed, suppression.Kind);
        Assert.Equal("marketing", suppression.Group);
        Assert.True(suppression.Blocks(transactional: false, "marketing"));
    }

    [Fact]
    public async Task TheConfirmationFormPostsTheTokenInItsBody()
    {
        await using var host = await HostWithCustomerAsync();
        var token = host.Services.GetRequiredService<UnsubscribeTokens>().Create(Customer, null);

        var response = await host.CreateClient().PostAsync(new Uri("/unsubscribe", UriKind.Relative), new FormUrlEncodedContent([new("token", token)]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Assert.Single(await Suppressions(host)).Group);
    }

    [Fact]
    public async Task AnAlteredTokenGets400AndChangesNothing()
    {
        await using var host = await HostWithCustomerAsync();
        var token = host.Services.GetRequiredService<UnsubscribeTokens>().Create(Customer, "marketing");
        var altered = token[..^3] + (token[^3] == 'x' ? "y" : "x") + token[^2..];

        var get = await host.CreateClient().GetAsync(new Uri($"/unsubscribe?token={altered}", UriKind.Relative));
        var post = await host.CreateClient().PostAsync(new Uri($"/unsubscribe?token={altered}", UriKind.Relative), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Empty(await Suppressions(host));
    }

    [Fact]
    public async Task ALinkSentBeforeTheSigningKeyWasRotatedStillUnsubscribes()
    {
        var sentBefore = new UnsubscribeTokens(Microsoft.Extensions.Options.Options.Create(new UnsubscribeOptions
        {
            SigningKey = TestSettings.UnsubscribeSigningKey,
            BaseUrl = new Uri("https://crm.test-shop.example.com"),
        })).Create(Customer, "marketing");
        await using var host = await HostWithCustomerAsync(new Dictionary<string, string?>
        {
            ["Unsubscribe:SigningKey"] = "rotated-unsubscribe-signing-key-0123456789abcdef",
            ["Unsubscribe:SigningKeyId"] = "2",
            ["Unsubscribe:PreviousKeys:0:Id"] = "1",
            ["Unsubscribe:PreviousKeys:0:Key"] = TestSettings.UnsubscribeSigningKey,
        });

        var response = await host.CreateClient().PostAsync(
            new Uri($"/unsubscribe?token={sentBefore}", UriKind.Relative),
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("marketing", Assert.Single(await Suppressions(host)).Group);
        Assert.NotEqual(sentBefore, host.Services.GetRequiredService<UnsubscribeTokens>().Create(Customer, "marketing"));
    }

    private static async Task<ServerHost> HostWithCustomerAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["Listeners:Enabled"] = "false", ["Journeys:Scheduler"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var host = new ServerHost(values);
        _ = host.CreateClient();
        await host.Services.GetRequiredService<StorageReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var profile = CustomerProfile.Empty(Customer) with { Email = "aiko@example.jp", AcceptsMarketing = true };
        Assert.True(await host.Services.GetRequiredService<IProfileStore>().TryAddAsync(profile, default));
        return host;
    }

    private static Task<IReadOnlyList<Suppression>> Suppressions(ServerHost host) =>
        host.Services.GetRequiredService<ISuppressionList>().GetAsync("aiko@example.jp", default);
}
