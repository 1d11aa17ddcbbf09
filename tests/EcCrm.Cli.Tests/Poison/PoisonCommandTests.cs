using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;

namespace EcCrm.Cli.Tests.Poison;

public class PoisonCommandTests
{
    [Fact]
    public async Task ReplaysAnOrderThatFailedDuringAStorageOutageOnceStorageIsBack()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "2" });
        using var client = host.CreateClient();
        var profiles = host.Storage.Names.Profiles;
        await host.Storage.Tables.DeleteTableAsync(profiles); // the outage

        await client.SendAsync(SignedWebhooks.Generic(Payloads.Text(Payloads.Generic)));
        await Eventually.ReturnsAsync(
            async () => (await host.Storage.Queue(StorageNames.PoisonOf(host.Storage.Names.OrdersQueueName)).PeekMessagesAsync(1)).Value.Length,
            count => count == 1,
            because: "the order should land in orders-poison after 2 attempts");

        var (listed, listing) = await CliRun.RunAsync(host.Prefix, "poison", "list", "orders");
        Assert.Equal(0, listed);
        Assert.Contains("RequestFailedException: The table specified does not exist.", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("riko@example.com", listing, StringComparison.Ordinal); // bodies hold customer data: not shown unless asked

        await host.Storage.Tables.CreateTableAsync(profiles); // storage is back
        var (replayed, output) = await CliRun.RunAsync(host.Prefix, "poison", "replay", "orders");

        Assert.Equal(0, replayed);
        Assert.Contains("Replayed 1 message(s) to orders.", output, StringComparison.Ordinal);
        var profile = await Eventually.ReturnsAsync(
            () => host.Services.GetRequiredService<IProfileStore>().GetAsync(TestKeys.ForEmail("riko@example.com"), default),
            found => found is not null);
        Assert.Equal(1, profile!.Value.OrderCount);
    }

    [Fact]
    public async Task SaysSoWhenThereIsNothingToReplay()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        _ = host.Storage;

        var (code, output) = await CliRun.RunAsync(host.Prefix, "poison", "replay", "orders", "--id", "no-such-message");

        Assert.Equal(1, code);
        Assert.Contains("Nothing to replay on orders-poison with id no-such-message.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAQueueItDoesNotKnow()
    {
        var (code, _) = await CliRun.RunAsync(TestStorage.NewPrefix(), "poison", "replay", "ordres");

        Assert.NotEqual(0, code);
    }
}
