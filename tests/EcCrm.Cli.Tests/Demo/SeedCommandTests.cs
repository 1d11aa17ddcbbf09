using EcCrm.Core.Consent;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Cli.Tests.Demo;

public class SeedCommandTests
{
    [Fact]
    public async Task LoadsDemoCustomersWithTheirHistoryAndDoesNotLoadThemTwice()
    {
        await using var services = await TestServices.CreateAsync();

        var (first, output) = await CliRun.RunAsync(services.Prefix, "seed", "--customers", "40");
        var (second, again) = await CliRun.RunAsync(services.Prefix, "seed", "--customers", "40");

        Assert.Equal(0, first);
        Assert.Contains("Loaded", output, StringComparison.Ordinal);
        Assert.Equal(0, second);
        Assert.Contains("Demo data is already loaded (40 customers)", again, StringComparison.Ordinal);
        var store = services.Get<IProfileStore>();
        var loaded = new List<CustomerProfile>();
        for (var i = 0; i < 40; i++)
        {
            loaded.Add((await store.GetAsync(TestKeys.ForEmail($"demo.customer{i:00000}@example.com"), default))!.Value);
        }

        Assert.All(loaded, profile => Assert.StartsWith("demo.customer", profile.Email, StringComparison.Ordinal));
        Assert.Contains(loaded, profile => profile.OrderCount > 3); // regular buyers
        Assert.Contains(loaded, profile => profile.LastOrderAt < DateTimeOffset.UtcNow.AddDays(-60)); // long inactive
        Assert.Contains(loaded, profile => profile.TimeZone == "Asia/Tokyo");

        // Every customer the demo says agreed to marketing has that opt-in in the consent ledger, so the demo's journeys send.
        var ledger = services.Get<IConsentLedger>();
        foreach (var profile in loaded)
        {
            var current = ConsentLedger.Current(await ledger.ListAsync(profile.Key, default));
            Assert.Equal(profile.AcceptsMarketing, current);
        }

        Assert.Contains(loaded, profile => profile.AcceptsMarketing == true);
    }
}
