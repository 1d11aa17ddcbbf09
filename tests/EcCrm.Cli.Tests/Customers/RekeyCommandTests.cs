using System.Text.Json;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Cli.Tests.Customers;

/// <summary><c>eccrm customers rekey</c> on Azurite, over data stored under the unkeyed keys of old.</summary>
public class RekeyCommandTests
{
    [Fact]
    public async Task MovesCustomersToTheKeyedKeysOnlyWhenConfirmedAndReportsCounts()
    {
        const string email = "rin.rekey@example.jp";
        await using var before = await TestServices.CreateAsync(configure: services => services.AddSingleton(new CustomerKeys(CustomerKeyDerivation.Unkeyed)));
        await before.Get<OrderIngestion>().IngestAsync(TestOrders.Paid("5001", email, before.Clock.GetUtcNow().AddDays(-3)), CancellationToken.None);

        Assert.Equal(2, (await CliRun.RunAsync(before.Prefix, "customers", "rekey")).ExitCode); // no --yes
        Assert.NotNull(await before.Get<IProfileStore>().GetAsync(CustomerKeyDerivation.Unkeyed.ForEmail(email), CancellationToken.None));
        var settingsWithoutOldKeys = TestSettings.For(before.Prefix);
        settingsWithoutOldKeys["Privacy:UnkeyedCustomerKeys"] = "false";
        Assert.Equal(2, (await CliRun.RunWithAsync(settingsWithoutOldKeys, "customers", "rekey", "--yes")).ExitCode);

        var (exitCode, json) = await CliRun.RunAsync(before.Prefix, "customers", "rekey", "--yes", "--json");

        Assert.Equal(0, exitCode);
        var report = JsonDocument.Parse(json).RootElement;
        Assert.Equal(1, report.GetProperty("moved").GetInt32());
        Assert.Equal(1, report.GetProperty("rowsMoved").GetProperty("Orders").GetInt32());
        Assert.Null(await before.Get<IProfileStore>().GetAsync(CustomerKeyDerivation.Unkeyed.ForEmail(email), CancellationToken.None));
        Assert.NotNull(await before.Get<IProfileStore>().GetAsync(TestKeys.ForEmail(email), CancellationToken.None));
        Assert.Equal(1, JsonDocument.Parse((await CliRun.RunAsync(before.Prefix, "customers", "rekey", "--yes", "--json")).Output).RootElement.GetProperty("alreadyCurrent").GetInt32());
    }
}
