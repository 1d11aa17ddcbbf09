using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Segments;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Profiles;

public class TableProfileStoreTests
{
    private static readonly CustomerKey Customer = TestKeys.ForEmail("ben@example.com");

    [Fact]
    public async Task ReadsBackEveryFactItWrote()
    {
        await using var services = await TestServices.CreateAsync();
        var store = services.Get<IProfileStore>();
        var profile = CustomerProfile.Empty(Customer) with
        {
            Email = "ben@example.com",
            FirstName = "Ben",
            TimeZone = "Europe/Berlin",
            TimeZoneSource = TimeZoneSource.Country,
            AcceptsMarketing = true,
            OrderCount = 3,
            Revenue = 1234.56m,
            Currency = "EUR",
            LastOrderAt = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero),
            AverageDaysBetweenOrders = 41.5,
            Products = [new ProductPurchase("beans", "Beans", 3, new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero)) { Categories = ["coffee"] }],
            Categories = ["coffee"],
            Segment = RfmSegment.Loyal,
            Rfm = new RfmScore(3, 4, 5),
            Tags = ["vip"],
            Attributes = new Dictionary<string, string> { ["coupon"] = "BACK10" },
            LastOrder = TestOrders.Paid("1001", "ben@example.com", new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero)) with
            {
                Lines = [new OrderLine { ProductId = "beans", Title = "Beans", Quantity = 3, UnitPrice = 1000m }],
            },
        };

        Assert.True(await store.TryAddAsync(profile, default));
        var read = (await store.GetAsync(Customer, default))!.Value;

        Assert.Equal(1234.56m, read.Revenue);
        Assert.Equal(TimeZoneSource.Country, read.TimeZoneSource);
        Assert.Equal(new RfmScore(3, 4, 5), read.Rfm);
        Assert.Equal("beans", Assert.Single(read.Products).ProductId);
        Assert.Equal(["coffee"], read.Products[0].Categories);
        Assert.Equal("BACK10", read.Attributes["coupon"]);
        Assert.Equal(profile.LastOrderAt, read.LastOrderAt);
        Assert.Equal("1001", read.LastOrder?.OrderId);
        Assert.Equal("Beans", Assert.Single(read.LastOrder!.Lines).Title);
    }

    [Fact]
    public async Task LeavesOutALastOrderTooLargeForATableProperty()
    {
        await using var services = await TestServices.CreateAsync();
        var store = services.Get<IProfileStore>();
        var lines = Enumerable.Range(0, ProfileProjection.MaxLastOrderLines)
            .Select(i => new OrderLine { ProductId = $"p{i}", Title = new string('x', 2_000), Quantity = 1 })
            .ToList();
        var profile = CustomerProfile.Empty(Customer) with
        {
            OrderCount = 1,
            LastOrder = TestOrders.Paid("1001", "ben@example.com", new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero)) with { Lines = lines },
        };

        Assert.True(await store.TryAddAsync(profile, default));

        var read = (await store.GetAsync(Customer, default))!.Value;
        Assert.Null(read.LastOrder);
        Assert.Equal(1, read.OrderCount);
    }

    [Fact]
    public async Task RefusesToOverwriteAProfileThatChangedSinceItWasRead()
    {
        await using var services = await TestServices.CreateAsync();
        var store = services.Get<IProfileStore>();
        await store.TryAddAsync(CustomerProfile.Empty(Customer), default);
        var first = (await store.GetAsync(Customer, default))!;
        var second = (await store.GetAsync(Customer, default))!;

        Assert.True(await store.TryReplaceAsync(first.Value with { OrderCount = 1 }, first.Version, default));
        Assert.False(await store.TryReplaceAsync(second.Value with { OrderCount = 7 }, second.Version, default));
        Assert.Equal(1, (await store.GetAsync(Customer, default))!.Value.OrderCount);
    }

    [Fact]
    public async Task RefusesToCreateAProfileTwice()
    {
        await using var services = await TestServices.CreateAsync();
        var store = services.Get<IProfileStore>();

        Assert.True(await store.TryAddAsync(CustomerProfile.Empty(Customer), default));
        Assert.False(await store.TryAddAsync(CustomerProfile.Empty(Customer) with { OrderCount = 9 }, default));
    }
}
