using System.Net;
using System.Text.Json;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Server.Tests.Customers;

public class CustomerApiTests
{
    [Fact]
    public async Task RefusesARequestWithoutTheApiKey()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync("/api/customers?email=a@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/customers?email=a@example.com")).StatusCode);
    }

    [Fact]
    public async Task ReturnsTheProfileAndRecentOrdersByKeyAndByAddress()
    {
        await using var host = new ServerHost();
        using var client = host.CreateClient();
        await client.SendAsync(SignedWebhooks.Generic(Payloads.Text(Payloads.Generic)));
        await CustomerApi.WaitForAsync(host, "riko@example.com", profile => profile.GetProperty("orderCount").GetInt32() == 1);
        using var api = host.CreateApiClient();

        var byKey = JsonDocument.Parse(await api.GetStringAsync($"/api/customers/{TestKeys.ForEmail("riko@example.com")}")).RootElement;
        var byAddress = JsonDocument.Parse(await api.GetStringAsync("/api/customers?email=Riko%40Example.com")).RootElement;

        Assert.Equal(byKey.GetRawText(), byAddress.GetRawText());
        Assert.Equal("Riko", byKey.GetProperty("profile").GetProperty("firstName").GetString());
        Assert.Equal("A-20260601-0007", Assert.Single(byKey.GetProperty("recentOrders").EnumerateArray()).GetProperty("orderId").GetString());
    }

    [Fact]
    public async Task Answers404ForAnUnknownCustomerAnd400ForSomethingThatIsNotAKey()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var api = host.CreateApiClient();

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/customers/{TestKeys.ForEmail("nobody@example.com")}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/customers/riko@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/customers?email=not-an-address")).StatusCode);
    }
}
