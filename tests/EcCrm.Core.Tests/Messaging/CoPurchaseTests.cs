using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Tests.Messaging;

public class CoPurchaseTests
{
    private static readonly Dictionary<string, string> Categories = new()
    {
        ["beans"] = "coffee",
        ["filters"] = "accessories",
        ["grinder"] = "equipment",
        ["kettle"] = "equipment",
        ["gyokuro"] = "tea",
        ["sencha"] = "tea",
        ["matcha"] = "tea",
        ["kyusu"] = "equipment",
    };

    [Fact]
    public void CountsEachCustomerOnceForEveryPairTheyBought()
    {
        // beans+filters: 3 customers; beans+grinder: 2; filters+grinder: 1 (dropped below 2); kettle alone: nothing.
        var affinities = CoPurchase.Compute(
        [
            Bought("beans", "filters"),
            Bought("beans", "filters", "grinder"),
            Bought("beans", "filters", "grinder"),
            Bought("kettle"),
        ]);

        Assert.Equal(
            ["beans→filters 3", "beans→grinder 2", "filters→beans 3", "filters→grinder 2", "grinder→beans 2", "grinder→filters 2"],
            affinities.Select(affinity => $"{affinity.ProductId}→{affinity.Other} {affinity.Customers}"));
        var beansFilters = affinities.Single(affinity => affinity is { ProductId: "beans", Other: "filters" });
        Assert.Equal("FILTERS", beansFilters.OtherTitle);
        Assert.Equal(["accessories"], beansFilters.OtherCategories);
        // 3 of 4 customers bought beans, 3 filters, 3 both: 3 × 4 / (3 × 3).
        Assert.Equal(4.0 / 3, beansFilters.Lift, 6);
    }

    [Fact]
    public void AGyokuroBuyerIsNotRecommendedCoffeeAndFilters()
    {
        // Most of the shop buys coffee with filters, and some gyokuro buyers do too, though less than everyone else: the
        // counts alone would put coffee and filters next to sencha. Gyokuro buyers buy kyusu teapots far more than others.
        var affinities = CoPurchase.Compute(
        [
            .. Times(50, "beans", "filters"),
            .. Times(10, "beans", "filters", "grinder"),
            .. Times(10, "gyokuro", "sencha"),
            .. Times(6, "gyokuro", "kyusu"),
            .. Times(6, "gyokuro", "beans", "filters"),
            .. Times(8, "matcha"),
        ]);

        var recommendations = CoPurchase.For(["gyokuro"], ["tea"], affinities);

        Assert.Equal(["sencha", "kyusu"], recommendations.Select(recommendation => recommendation.ProductId));
    }

    [Fact]
    public void ACoffeeBuyerGetsWhatCoffeeBuyersBuyWithItFromOtherCategories()
    {
        var affinities = CoPurchase.Compute(
        [
            .. Times(50, "beans", "filters"),
            .. Times(10, "beans", "filters", "grinder"),
            .. Times(10, "gyokuro", "sencha"),
            .. Times(6, "gyokuro", "kyusu"),
            .. Times(6, "gyokuro", "beans", "filters"),
            .. Times(8, "matcha"),
        ]);

        var recommendations = CoPurchase.For(["beans"], ["coffee"], affinities);

        Assert.Equal(["filters", "grinder"], recommendations.Select(recommendation => recommendation.ProductId));
    }

    [Fact]
    public void RecommendsPartnersOfWhatTheyOwnStrongestFirstAndNothingTheyHave()
    {
        ProductAffinity[] affinities =
        [
            new("beans", "filters", "Filters", 3) { OtherCategories = ["coffee"] },
            new("beans", "grinder", "Grinder", 2) { OtherCategories = ["coffee"] },
            new("kettle", "grinder", "Grinder", 4) { OtherCategories = ["coffee"] },
            new("kettle", "beans", "Beans", 5) { OtherCategories = ["coffee"] },
        ];

        var recommendations = CoPurchase.For(["beans", "kettle"], ["coffee"], affinities);

        // grinder: 2 + 4 = 6 customers; filters: 3; beans is owned.
        Assert.Equal([new Recommendation("grinder", "Grinder", 6), new Recommendation("filters", "Filters", 3)], recommendations);
    }

    private static IEnumerable<IReadOnlyList<ProductPurchase>> Times(int customers, params string[] ids) =>
        Enumerable.Range(0, customers).Select(_ => Bought(ids));

    private static IReadOnlyList<ProductPurchase> Bought(params string[] ids) =>
        [.. ids.Select(id => new ProductPurchase(id, id.ToUpperInvariant(), 1, DateTimeOffset.UnixEpoch) { Categories = [Categories[id]] })];
}
