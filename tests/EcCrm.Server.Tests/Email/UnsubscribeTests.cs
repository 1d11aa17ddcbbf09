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
    private static readonly CustomerKey Customer = CustomerKey.FromEmail("aiko@example.jp");

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

    private static async Task<ServerHost> HostWithCustomerAsync()
    {
        var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false", ["Journeys:Scheduler"] = "false" });
        _ = host.CreateClient();
        await host.Services.GetRequiredService<StorageReadiness>().Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var profile = CustomerProfile.Empty(Customer) with { Email = "aiko@example.jp", AcceptsMarketing = true };
        Assert.True(await host.Services.GetRequiredService<IProfileStore>().TryAddAsync(profile, default));
        return host;
    }

    private static Task<IReadOnlyList<Suppression>> Suppressions(ServerHost host) =>
        host.Services.GetRequiredService<ISuppressionList>().GetAsync("aiko@example.jp", default);
}
