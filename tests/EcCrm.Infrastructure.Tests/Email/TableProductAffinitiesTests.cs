using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Infrastructure.Email;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Infrastructure.Tests.Email;

public class TableProductAffinitiesTests
{
    [Fact]
    public async Task ReadsTheAffinitiesOnceAndAgainOnlyWhenTheyAreReplacedOrOld()
    {
        await using var services = await TestServices.CreateAsync();
        var affinities = services.Get<IProductAffinities>();
        var otherProcess = ActivatorUtilities.CreateInstance<TableProductAffinities>(services.Provider);
        await affinities.ReplaceAllAsync([new ProductAffinity("beans", "filters", "Paper Filters", 12)], default);

        using var requests = new StorageRequests(Azurite.ConnectionString, services.Prefix);
        var first = await affinities.ForProductsAsync(["beans", "kettle"], default);
        var again = await affinities.ForProductsAsync(["beans"], default);
        var readsForTwoLookups = requests.Snapshot().Count;
        await otherProcess.ReplaceAllAsync([new ProductAffinity("beans", "grinder", "Hand Grinder", 20)], default);
        var beforeTheyAreOld = await affinities.ForProductsAsync(["beans"], default);
        services.Clock.Advance(TableProductAffinities.SnapshotLifetime);
        var afterwards = await affinities.ForProductsAsync(["beans"], default);

        Assert.Equal(1, readsForTwoLookups);
        Assert.Equal("filters", Assert.Single(first).Other);
        Assert.Equal(first, again);
        Assert.Equal("filters", Assert.Single(beforeTheyAreOld).Other);
        Assert.Equal("grinder", Assert.Single(afterwards).Other);
    }

    [Fact]
    public async Task AReplacementInThisProcessIsSeenAtOnce()
    {
        await using var services = await TestServices.CreateAsync();
        var affinities = services.Get<IProductAffinities>();
        await affinities.ReplaceAllAsync([new ProductAffinity("beans", "filters", "Paper Filters", 12)], default);
        Assert.Equal("filters", Assert.Single(await affinities.ForProductsAsync(["beans"], default)).Other);

        await affinities.ReplaceAllAsync([new ProductAffinity("beans/dark", "grinder", "Hand Grinder", 20)], default);

        Assert.Empty(await affinities.ForProductsAsync(["beans"], default));
        var dark = Assert.Single(await affinities.ForProductsAsync(["beans/dark"], default));
        Assert.Equal(new ProductAffinity("beans/dark", "grinder", "Hand Grinder", 20), dark);
    }
}
