using EcCrm.Core.Profiles;
using EcCrm.Core.Tracking;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Tracking;

public class BehaviourViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 7, 18, 0, 0, TimeSpan.Zero);

    private static TrackedEvent Event(string id, TrackedEventType type, DateTimeOffset at, params string[] products) => new()
    {
        EventId = id,
        Type = type,
        OccurredAt = at,
        Lines = [.. products.Select(product => new TrackedLine { ProductId = product, Title = product.ToUpperInvariant(), UnitPrice = 10m })],
    };

    [Fact]
    public void TheCartIsTheLatestCheckoutSinceTheLastOrderAndViewedProductsLeaveOutWhatIsInIt()
    {
        var profile = CustomerProfile.Empty(TestKeys.ForEmail("a@example.com")) with { LastOrderAt = Now.AddDays(-10) };
        var events = new[]
        {
            Event("co-old", TrackedEventType.CheckoutStarted, Now.AddDays(-12), "beans"),
            Event("pv-1", TrackedEventType.ProductViewed, Now.AddHours(-5), "grinder"),
            Event("pv-2", TrackedEventType.ProductViewed, Now.AddHours(-4), "kettle"),
            Event("pv-3", TrackedEventType.ProductViewed, Now.AddHours(-3), "grinder"),
            Event("co-1", TrackedEventType.CheckoutStarted, Now.AddHours(-2), "kettle", "filters"),
        };

        var view = BehaviourView.From(profile, events);

        Assert.Equal("co-1", view.Cart!.EventId);
        Assert.Equal(["grinder"], view.Viewed.Select(line => line.ProductId));
        Assert.Equal(["kettle", "filters", "grinder"], view.ProductIds);
    }

    [Fact]
    public void WithoutACheckoutTheCartIsWhatWasAddedSinceTheLastOrderAndABoughtProductIsNoLongerViewed()
    {
        var profile = CustomerProfile.Empty(TestKeys.ForEmail("a@example.com")) with
        {
            LastOrderAt = Now.AddHours(-1),
            Products = [new ProductPurchase("grinder", "Grinder", 1, Now.AddHours(-1))],
        };
        var events = new[]
        {
            Event("pv-1", TrackedEventType.ProductViewed, Now.AddHours(-5), "grinder"),
            Event("atc-0", TrackedEventType.AddedToCart, Now.AddHours(-4), "grinder"),
            Event("atc-1", TrackedEventType.AddedToCart, Now.AddMinutes(-30), "kettle"),
            Event("atc-2", TrackedEventType.AddedToCart, Now.AddMinutes(-20), "kettle"),
        };

        var view = BehaviourView.From(profile, events);

        var line = Assert.Single(view.Cart!.Lines);
        Assert.Equal(("kettle", 2), (line.ProductId, line.Quantity));
        Assert.Empty(view.Viewed);
    }
}
