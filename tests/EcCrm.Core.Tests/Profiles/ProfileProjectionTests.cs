using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Segments;
using static EcCrm.Core.Tests.Profiles.OrderBuilder;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Profiles;

public class ProfileProjectionTests
{
    private static readonly CustomerKey Key = TestKeys.ForEmail(Email);
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SumsOrdersRevenueAndDatesOfEveryPurchase()
    {
        var profile = Project(
            Order("1", "2026-01-01", total: 40m),
            Order("2", "2026-01-31", total: 60m),
            Order("3", "2026-03-02", total: 100m));

        Assert.Equal(3, profile.OrderCount);
        Assert.Equal(200m, profile.Revenue);
        Assert.Equal("EUR", profile.Currency);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), profile.FirstOrderAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), profile.LastOrderAt);
        Assert.Equal(30.0, profile.AverageDaysBetweenOrders);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.Zero), profile.PredictedNextOrderAt);
    }

    [Fact]
    public void LeavesCancelledAndRefundedOrdersOutOfCountsAndRevenue()
    {
        var profile = Project(
            Order("1", "2026-01-01", total: 40m),
            Order("2", "2026-02-01", total: 60m, status: OrderStatus.Cancelled),
            Order("3", "2026-03-01", total: 80m, status: OrderStatus.Refunded, refunded: 80m),
            Order("4", "2026-04-01", total: 100m, refunded: 30m));

        Assert.Equal(2, profile.OrderCount);
        Assert.Equal(110m, profile.Revenue);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.Zero), profile.LastOrderAt);
    }

    [Fact]
    public void KeepsTheLatestPurchaseForTheEmailsWithAtMostItsFirstLines()
    {
        var lines = Enumerable.Range(0, ProfileProjection.MaxLastOrderLines + 5).Select(i => ($"p{i}", 1, "coffee")).ToArray();
        var profile = Project(
            Order("2", "2026-05-01", lines: lines),
            Order("1", "2026-02-01", lines: ("beans", 1, "coffee")),
            Order("3", "2026-05-20", status: OrderStatus.Cancelled, lines: ("kettle", 1, "equipment")));

        Assert.Equal("2", profile.LastOrder?.OrderId);
        Assert.Equal(ProfileProjection.MaxLastOrderLines, profile.LastOrder!.Lines.Count);
        Assert.Equal("p0", profile.LastOrder.Lines[0].ProductId);
        Assert.Null(Project(Order("3", "2026-05-20", status: OrderStatus.Cancelled)).LastOrder);
    }

    [Fact]
    public void KeepsTheLastOrderDateWhenAnOlderOrderArrivesLate()
    {
        var orders = new[] { Order("2", "2026-05-01"), Order("1", "2026-02-01") }; // stored in arrival order

        Assert.Equal(new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero), Project(orders).LastOrderAt);
    }

    [Fact]
    public void TakesConsentFromTheMostRecentOrderThatReportedIt()
    {
        var profile = Project(
            Order("1", "2026-01-01", acceptsMarketing: true),
            Order("2", "2026-02-01", acceptsMarketing: false),
            Order("3", "2026-03-01", acceptsMarketing: null));

        Assert.False(profile.AcceptsMarketing);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero), profile.ConsentReportedAt);
    }

    [Fact]
    public void LeavesConsentUnknownWhenNoOrderReportedIt() =>
        Assert.Null(Project(Order("1", "2026-01-01")).AcceptsMarketing);

    [Theory]
    [InlineData("America/Chicago", "US", "America/Chicago", TimeZoneSource.Reported)]
    [InlineData(null, "JP", "Asia/Tokyo", TimeZoneSource.Country)]
    [InlineData(null, "DE", "Europe/Berlin", TimeZoneSource.Country)]
    [InlineData(null, "US", null, TimeZoneSource.Unknown)]
    [InlineData("Mars/Olympus", null, null, TimeZoneSource.Unknown)]
    public void KnowsTheTimeZoneWhenReportedOrWhenTheCountryHasOnlyOne(string? reported, string? country, string? expected, TimeZoneSource source)
    {
        var profile = Project(Order("1", "2026-01-01", timeZone: reported, country: country));

        Assert.Equal(expected, profile.TimeZone);
        Assert.Equal(source, profile.TimeZoneSource);
    }

    [Fact]
    public void ListsProductsAndCategoriesMostBoughtFirst()
    {
        var profile = Project(
            Order("1", "2026-01-01", lines: [("beans", 1, "coffee"), ("dripper", 1, "equipment")]),
            Order("2", "2026-02-01", lines: [("beans", 2, "coffee"), ("filters", 1, "equipment")]),
            Order("3", "2026-03-01", status: OrderStatus.Cancelled, lines: [("kettle", 5, "equipment")]));

        Assert.Equal(["beans", "filters", "dripper"], profile.Products.Select(product => product.ProductId));
        Assert.Equal(3, profile.Products[0].Quantity);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero), profile.Products[0].LastBoughtAt);
        Assert.Equal(["coffee", "equipment"], profile.Categories);
    }

    [Fact]
    public void KeepsTagsAndAttributesWrittenByJourneys()
    {
        var current = CustomerProfile.Empty(Key) with { Tags = ["vip"], Attributes = new Dictionary<string, string> { ["coupon"] = "BACK10" } };

        var profile = ProfileProjection.Project(current, [Order("1", "2026-01-01")], Now);

        Assert.Equal(["vip"], profile.Tags);
        Assert.Equal("BACK10", profile.Attributes["coupon"]);
    }

    [Fact]
    public void SegmentsByRecencyAndFrequencyAsOfNow()
    {
        var recentRegular = Project(Order("1", "2026-03-01"), Order("2", "2026-04-01"), Order("3", "2026-04-20"), Order("4", "2026-05-05"), Order("5", "2026-05-20"));
        var lapsedRegular = ProfileProjection.Project(CustomerProfile.Empty(Key), [Order("1", "2025-01-01"), Order("2", "2025-02-01"), Order("3", "2025-03-01")], Now);

        Assert.Equal(RfmSegment.Champions, recentRegular.Segment);
        Assert.Equal(RfmSegment.AtRisk, lapsedRegular.Segment);
        Assert.Equal(Now, recentRegular.SegmentedAt);
    }

    [Fact]
    public void HasNoPurchaseFactsWhenEveryOrderWasCancelled()
    {
        var profile = Project(Order("1", "2026-01-01", status: OrderStatus.Cancelled));

        Assert.Equal(0, profile.OrderCount);
        Assert.Null(profile.LastOrderAt);
        Assert.Equal(RfmSegment.None, profile.Segment);
        Assert.Equal(Email, profile.Email); // the contact is still known
    }

    [Fact]
    public void RanksProductsAndCategoriesAsTheGroupingQueryDid()
    {
        // Many customers' worth of orders with ties everywhere: the same day, the same quantity, one category spelt
        // two ways, a product under two titles. The projection must rank them exactly as the LINQ query it replaced.
        var random = new Random(7);
        for (var customer = 0; customer < 300; customer++)
        {
            var orders = Enumerable.Range(0, random.Next(1, 8)).Select(i => Order(
                $"{i}",
                $"2026-0{1 + random.Next(3)}-1{random.Next(3)}",
                status: random.Next(6) == 0 ? OrderStatus.Cancelled : OrderStatus.Paid,
                lines: [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => ($"p{random.Next(5)}", random.Next(1, 3), random.Next(3) switch { 0 => "Coffee", 1 => "coffee", _ => $"c{random.Next(4)}" }))]))
                .Select(order => order with { Lines = [.. order.Lines.Select(line => line with { Title = $"{line.ProductId} {random.Next(2)}" })] })
                .ToList();

            var profile = ProfileProjection.Project(CustomerProfile.Empty(Key), orders, Now);

            var purchases = orders.Where(order => order.CountsAsPurchase).OrderBy(order => order.PlacedAt).ToList();
            var products = purchases
                .SelectMany(order => order.Lines.Select(line => (order.PlacedAt, line)))
                .GroupBy(item => item.line.ProductId, StringComparer.Ordinal)
                .Select(group =>
                {
                    var last = group.MaxBy(item => item.PlacedAt);
                    return (group.Key, last.line.Title, Quantity: group.Sum(item => item.line.Quantity), last.PlacedAt, Categories: string.Join(",", group.SelectMany(item => item.line.Categories).Distinct(StringComparer.OrdinalIgnoreCase)));
                })
                .OrderByDescending(product => product.Quantity)
                .ThenByDescending(product => product.PlacedAt)
                .ThenBy(product => product.Key, StringComparer.Ordinal)
                .Take(ProfileProjection.MaxProducts);
            var categories = purchases
                .SelectMany(order => order.Lines)
                .SelectMany(line => line.Categories.Select(category => (category, line.Quantity)))
                .GroupBy(pair => pair.category, StringComparer.OrdinalIgnoreCase)
                .OrderByDescending(group => group.Sum(pair => pair.Quantity))
                .ThenBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => group.Key)
                .Take(ProfileProjection.MaxCategories);

            Assert.Equal(products, profile.Products.Select(product => (product.ProductId, product.Title, product.Quantity, product.LastBoughtAt, string.Join(",", product.Categories))));
            Assert.Equal(categories, profile.Categories);
        }
    }

    private static CustomerProfile Project(params OrderRecord[] orders) => ProfileProjection.Project(CustomerProfile.Empty(Key), orders, Now);
}
