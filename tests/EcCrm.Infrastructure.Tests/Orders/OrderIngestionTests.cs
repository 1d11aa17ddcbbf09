using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Storage;
using EcCrm.Infrastructure.Profiles;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Infrastructure.Tests.Orders;

public class OrderIngestionTests
{
    private const string Email = "chika@example.jp";
    private static readonly CustomerKey Customer = TestKeys.ForEmail(Email);

    [Fact]
    public async Task CountsEveryOrderOfACustomerWhenTheyAreIngestedAtTheSameMoment()
    {
        await using var services = await TestServices.CreateAsync();
        var ingestion = services.Get<OrderIngestion>();

        await Task.WhenAll(Enumerable.Range(1, 8).Select(i => ingestion.IngestAsync(Order($"{i}", day: i, total: 10m * i), default)));

        var profile = await ProfileAsync(services);
        Assert.Equal(8, profile.OrderCount);
        Assert.Equal(360m, profile.Revenue);
    }

    [Fact]
    public async Task LosesNoProfileWriteToItselfWhenOneCustomersOrdersArriveTogether()
    {
        // A batch from the queue often holds several orders of one customer (a shop's create, paid and updated
        // webhooks): they must not fight over the profile's ETag and redo their projection.
        CountingProfileStore? counting = null;
        await using var services = await TestServices.CreateAsync(configure: registrations =>
        {
            registrations.AddSingleton<TableProfileStore>();
            registrations.AddSingleton<IProfileStore>(provider => counting = new CountingProfileStore(provider.GetRequiredService<TableProfileStore>()));
        });
        var ingestion = services.Get<OrderIngestion>();

        await Task.WhenAll(Enumerable.Range(1, 8).Select(i => ingestion.IngestAsync(Order($"{i}", day: i, total: 10m * i), default)));

        Assert.Equal(8, (await ProfileAsync(services)).OrderCount);
        Assert.Equal(0, counting!.LostWrites);
    }

    [Fact]
    public async Task CountsAnOrderDeliveredSeveralTimesOnce()
    {
        await using var services = await TestServices.CreateAsync();
        var ingestion = services.Get<OrderIngestion>();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ingestion.IngestAsync(Order("1", day: 1, total: 30m), default)));
        await ingestion.IngestAsync(Order("1", day: 1, total: 30m), default);

        var profile = await ProfileAsync(services);
        Assert.Equal(1, profile.OrderCount);
        Assert.Equal(30m, profile.Revenue);
    }

    [Fact]
    public async Task CorrectsRevenueWhenAnOrderIsCancelled()
    {
        await using var services = await TestServices.CreateAsync();
        var ingestion = services.Get<OrderIngestion>();
        var order = Order("1", day: 1, total: 30m);
        await ingestion.IngestAsync(Order("0", day: 0, total: 20m), default);
        await ingestion.IngestAsync(order, default);

        await ingestion.IngestAsync(order with { Status = OrderStatus.Cancelled, UpdatedAt = order.UpdatedAt.AddDays(1) }, default);

        var profile = await ProfileAsync(services);
        Assert.Equal(1, profile.OrderCount);
        Assert.Equal(20m, profile.Revenue);
        Assert.Equal(Order("0", day: 0).PlacedAt, profile.LastOrderAt);
    }

    [Fact]
    public async Task MovesTheCustomerToTheDateOfTheirLatestOrderInTheIndex()
    {
        await using var services = await TestServices.CreateAsync();
        var ingestion = services.Get<OrderIngestion>();
        var index = services.Get<ILastOrderIndex>();

        await ingestion.IngestAsync(Order("1", day: 1), default);
        await ingestion.IngestAsync(Order("2", day: 5), default);
        await ingestion.IngestAsync(Order("0", day: 0), default); // older order, arriving late

        Assert.Empty(await ListAsync(index, new DateOnly(2026, 3, 2)));
        Assert.Empty(await ListAsync(index, new DateOnly(2026, 3, 1)));
        Assert.Equal([Customer], await ListAsync(index, new DateOnly(2026, 3, 6)));
        Assert.Equal(Order("2", day: 5).PlacedAt, (await ProfileAsync(services)).LastOrderAt);
    }

    [Fact]
    public async Task ListsCustomersUnderTheShopLocalDateOfTheirLastOrder()
    {
        // Shop in Asia/Tokyo (TestSettings): 2026-03-01T20:00Z is already 2 March there.
        await using var services = await TestServices.CreateAsync();
        var order = Order("late", day: 0) with { PlacedAt = new DateTimeOffset(2026, 3, 1, 20, 0, 0, TimeSpan.Zero) };

        await services.Get<OrderIngestion>().IngestAsync(order, default);

        Assert.Equal([Customer], await ListAsync(services.Get<ILastOrderIndex>(), new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public async Task StoresAnOrderThatNamesNobodyWithoutInventingAProfile()
    {
        await using var services = await TestServices.CreateAsync();
        var anonymous = Order("pos-1", day: 1) with { Customer = OrderCustomer.Anonymous };

        var result = await services.Get<OrderIngestion>().IngestAsync(anonymous, default);

        Assert.Null(result.Customer);
        Assert.Equal(OrderSaveOutcome.Created, result.Saved);
    }

    /// <summary>The real store, counting the conditional writes it lost to another writer.</summary>
    private sealed class CountingProfileStore(IProfileStore inner) : IProfileStore
    {
        private int lostWrites;

        public int LostWrites => lostWrites;

        public Task<Versioned<CustomerProfile>?> GetAsync(CustomerKey key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public Task<CustomerKey?> MovedToAsync(CustomerKey key, CancellationToken cancellationToken) => inner.MovedToAsync(key, cancellationToken);

        public async Task<bool> TryAddAsync(CustomerProfile profile, CancellationToken cancellationToken) =>
            Counted(await inner.TryAddAsync(profile, cancellationToken));

        public async Task<bool> TryReplaceAsync(CustomerProfile profile, string version, CancellationToken cancellationToken) =>
            Counted(await inner.TryReplaceAsync(profile, version, cancellationToken));

        private bool Counted(bool written)
        {
            if (!written)
            {
                Interlocked.Increment(ref lostWrites);
            }

            return written;
        }
    }

    private static async Task<CustomerProfile> ProfileAsync(TestServices services) =>
        (await services.Get<IProfileStore>().GetAsync(Customer, default))!.Value;

    private static async Task<List<CustomerKey>> ListAsync(ILastOrderIndex index, DateOnly date)
    {
        var keys = new List<CustomerKey>();
        await foreach (var key in index.ListAsync(date, default))
        {
            keys.Add(key);
        }

        return keys;
    }

    private static OrderRecord Order(string id, int day, decimal total = 25m)
    {
        var placed = new DateTimeOffset(2026, 3, 1, 3, 0, 0, TimeSpan.Zero).AddDays(day);
        return new OrderRecord
        {
            Source = OrderSource.Generic,
            OrderId = id,
            Status = OrderStatus.Paid,
            PlacedAt = placed,
            UpdatedAt = placed,
            Currency = "JPY",
            Total = total,
            Customer = new OrderCustomer { Email = Email, CountryCode = "JP" },
        };
    }
}
