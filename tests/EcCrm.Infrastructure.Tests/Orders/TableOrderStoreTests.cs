using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Orders;

public class TableOrderStoreTests
{
    private static readonly CustomerKey Customer = TestKeys.ForEmail("ana@example.com");

    [Fact]
    public async Task StoresANewOrderOnceAndRecognisesItsRedelivery()
    {
        await using var services = await TestServices.CreateAsync();
        var store = services.Get<IOrderStore>();

        Assert.Equal(OrderSaveOutcome.Created, await store.SaveAsync(Customer, Order("1001"), default));
        Assert.Equal(OrderSaveOutcome.Unchanged, await store.SaveAsync(Customer, Order("1001"), default));
        Assert.Single(await store.ListByCustomerAsync(Customer, default));
    }

    [Fact]
    public async Task ReplacesAnOrderOnlyWithANewerVersion()
    {
        await using var services = await TestServices.CreateAsync();
        var store = services.Get<IOrderStore>();
        var placed = Order("1001");
        var cancelled = placed with { Status = OrderStatus.Cancelled, UpdatedAt = placed.UpdatedAt.AddHours(2) };

        await store.SaveAsync(Customer, placed, default);
        Assert.Equal(OrderSaveOutcome.Updated, await store.SaveAsync(Customer, cancelled, default));
        Assert.Equal(OrderSaveOutcome.Unchanged, await store.SaveAsync(Customer, placed, default)); // a late redelivery of the old version

        Assert.Equal(OrderStatus.Cancelled, Assert.Single(await store.ListByCustomerAsync(Customer, default)).Status);
    }

    [Fact]
    public async Task KeepsOrderIdsWithCharactersTableKeysForbid()
    {
        await using var services = await TestServices.CreateAsync();
        var store = services.Get<IOrderStore>();

        await store.SaveAsync(Customer, Order("2026/06#7?x%"), default);

        Assert.Equal("2026/06#7?x%", Assert.Single(await store.ListByCustomerAsync(Customer, default)).OrderId);
    }

    [Fact]
    public async Task KeepsAnOrderTooLargeForOneTableProperty()
    {
        await using var services = await TestServices.CreateAsync();
        var store = services.Get<IOrderStore>();
        var lines = Enumerable.Range(1, 400)
            .Select(i => new OrderLine { ProductId = $"product-{i}", Title = $"A rather long product title number {i} with a variant", Quantity = 1, UnitPrice = 1.5m, Categories = ["bulk", "wholesale"] })
            .ToList();

        await store.SaveAsync(Customer, Order("big") with { Lines = lines }, default);

        Assert.Equal(400, Assert.Single(await store.ListByCustomerAsync(Customer, default)).Lines.Count);
    }

    private static OrderRecord Order(string id) => new()
    {
        Source = OrderSource.Shopify,
        OrderId = id,
        Status = OrderStatus.Paid,
        PlacedAt = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero),
        Currency = "EUR",
        Total = 25m,
        Customer = new OrderCustomer { Email = "ana@example.com" },
    };
}
