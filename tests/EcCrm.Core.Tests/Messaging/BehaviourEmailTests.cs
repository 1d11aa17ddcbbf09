using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging;
using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Messaging.Sending;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using EcCrm.Core.Tracking;
using EcCrm.Infrastructure.Email;
using EcCrm.Testing;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Tests.Messaging;

/// <summary>What a customer looked at and left in the cart reaches the e-mail: shown as such, and as the start of recommendations.</summary>
public class BehaviourEmailTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 7, 11, 5, 0, TimeSpan.Zero);
    private static readonly CustomerKey Key = TestKeys.ForEmail("kenji@example.jp");

    private static readonly CustomerProfile Newcomer = CustomerProfile.Empty(Key) with { Email = "kenji@example.jp", FirstName = "Kenji", Locale = "en-GB" };

    private static TrackedEvent Viewed(string id, string product, string title, DateTimeOffset at) => new()
    {
        EventId = id,
        Type = TrackedEventType.ProductViewed,
        OccurredAt = at,
        Lines = [new TrackedLine { ProductId = product, Title = title, UnitPrice = 6400m }],
    };

    [Fact]
    public async Task ABrowseEmailAsksAboutTheViewedProductAndRecommendsWhatItsBuyersAlsoBoughtButNotTheProductItself()
    {
        var events = new Events([Viewed("pv-1", "kettle", "Gooseneck kettle", Now.AddDays(-1)), Viewed("pv-0", "scale", "Coffee scale", Now.AddDays(-200))]);
        var affinities = new Affinities([
            new ProductAffinity("kettle", "dripper", "Dripper V60", 12) { Lift = 2.5, Evidence = 4 },
            new ProductAffinity("dripper", "kettle", "Gooseneck kettle", 12) { Lift = 2.5, Evidence = 4 },
        ]);

        var email = await Emails(events, affinities).RenderAsync(Newcomer, "browse-1", "browse-abandonment", 1, (CreateCoupon?)null, new Uri("https://crm.example.com/u?t=1"), Now, CancellationToken.None);

        Assert.Equal("Still thinking about Gooseneck kettle?", email.Subject);
        Assert.Contains("Dripper V60", email.Text, StringComparison.Ordinal);
        Assert.Single(email.Text.Split("Gooseneck kettle (").Skip(1));
        Assert.DoesNotContain("Coffee scale", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACheckoutEmailShowsTheLatestCartAndTheLinkBackToIt()
    {
        var events = new Events([
            new TrackedEvent
            {
                EventId = "co-1", Type = TrackedEventType.CheckoutStarted, OccurredAt = Now.AddHours(-3), Currency = "JPY",
                Lines = [new TrackedLine { ProductId = "kettle", Title = "Gooseneck kettle", UnitPrice = 6400m }],
                CheckoutUrl = new Uri("https://shop.example.com/checkouts/c1/recover?key=a"),
            },
            new TrackedEvent
            {
                EventId = "co-2", Type = TrackedEventType.CheckoutStarted, OccurredAt = Now.AddHours(-2), Currency = "JPY",
                Lines = [new TrackedLine { ProductId = "kettle", Title = "Gooseneck kettle", Quantity = 2, UnitPrice = 6400m }],
                CheckoutUrl = new Uri("https://shop.example.com/checkouts/c1/recover?key=b"),
            },
        ]);

        var email = await Emails(events, new Affinities([])).RenderAsync(Newcomer, "checkout-1", "abandoned-checkout", 1, (CreateCoupon?)null, new Uri("https://crm.example.com/u?t=1"), Now, CancellationToken.None);

        Assert.Contains("Gooseneck kettle (https://shop.example.com/products/kettle?utm_source=eccrm", email.Text, StringComparison.Ordinal);
        Assert.Contains("× 2", email.Text, StringComparison.Ordinal);
        Assert.Contains("https://shop.example.com/checkouts/c1/recover?key=b&utm_source=eccrm", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("key=a", email.Text, StringComparison.Ordinal);
    }

    private static PersonalisedEmails Emails(ICustomerEvents events, IProductAffinities affinities) => new(
        new NoOrders(),
        new TemplateCatalog(new FileEmailTemplates(RepositoryRoot.Combine("journeys", "templates"))),
        affinities,
        new NoCoupons(),
        Options.Create(new ShopOptions { Name = "Shop", PostalAddress = "1 Street, Tokyo", ContactEmail = "help@shop.example.com", Currency = "JPY", TimeZone = "Asia/Tokyo", WebsiteUrl = new Uri("https://shop.example.com") }),
        Options.Create(new SenderOptions { FromAddress = "news@shop.example.com" }),
        events,
        Options.Create(new TrackingOptions { RetentionDays = 90 }));

    private sealed class Events(IReadOnlyList<TrackedEvent> all) : ICustomerEvents
    {
        public Task<bool> AddAsync(CustomerKey? customer, TrackedEvent tracked, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<TrackedEvent>> ListAsync(CustomerKey customer, DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<TrackedEvent>>([.. all.Where(e => e.OccurredAt >= since)]);

        public Task<CustomerKey?> IdentifiedAsAsync(string anonymousId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> IdentifyAsync(string anonymousId, CustomerKey customer, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> PruneAsync(CustomerKey customer, DateTimeOffset before, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> EraseAsync(CustomerKey customer, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> PruneAllAsync(DateTimeOffset before, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class Affinities(IReadOnlyList<ProductAffinity> all) : IProductAffinities
    {
        public Task<IReadOnlyList<ProductAffinity>> ForProductsAsync(IReadOnlyCollection<string> productIds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ProductAffinity>>([.. all.Where(affinity => productIds.Contains(affinity.ProductId))]);

        public Task ReplaceAllAsync(IReadOnlyList<ProductAffinity> affinities, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class NoOrders : IOrderStore
    {
        public Task<OrderSaveOutcome> SaveAsync(CustomerKey? customer, OrderRecord order, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> SaveManyAsync(CustomerKey customer, IReadOnlyList<OrderRecord> orders, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<OrderRecord>> ListByCustomerAsync(CustomerKey customer, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<OrderRecord>>([]);
    }

    private sealed class NoCoupons : ICouponIssuer
    {
        public Task IssueAsync(CustomerKey customer, string journeyId, CreateCoupon coupon, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<CreateCoupon?> FindAsync(string code, CancellationToken cancellationToken) => Task.FromResult<CreateCoupon?>(null);
    }
}
