using System.Net;
using System.Text.Json;
using EcCrm.Testing;

namespace EcCrm.Server.Tests.Customers;

/// <summary>Reads profiles the way a user does: through the read API.</summary>
internal static class CustomerApi
{
    public static async Task<JsonElement?> FindAsync(ServerHost host, string email)
    {
        using var client = host.CreateApiClient();
        var response = await client.GetAsync($"/api/customers?email={Uri.EscapeDataString(email)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Waits until the customer's profile satisfies <paramref name="done"/> (ingestion runs in the background).</summary>
    public static async Task<JsonElement> WaitForAsync(ServerHost host, string email, Func<JsonElement, bool> done) =>
        (await Eventually.ReturnsAsync(() => FindAsync(host, email), view => view is { } found && done(found.GetProperty("profile")), because: $"profile of {email}"))!.Value.GetProperty("profile");

    public static async Task<int> QueuedOrdersAsync(ServerHost host) =>
        (await host.Storage.Queue(host.Storage.Names.OrdersQueueName).PeekMessagesAsync(32)).Value.Length;
}
