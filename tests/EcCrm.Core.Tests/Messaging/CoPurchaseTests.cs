using EcCrm.Core.Messaging.Recommendations;

namespace EcCrm.Core.Tests.Messaging;

public class CoPurchaseTests
{
    private static Dictionary<string, string> Bought(params string[] ids) => ids.ToDictionary(id => id, id => id.ToUpperInvariant());

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

        Assert.Contains(new ProductAffinity("beans", "filters", "FILTERS", 3), affinities);
        Assert.Contains(new ProductAffinity("beans", "grinder", "GRINDER", 2), affinities);
        Assert.Contains(new ProductAffinity("filters", "beans", "BEANS", 3), affinities);
        Assert.Contains(new ProductAffinity("filters", "grinder", "GRINDER", 2), affinities);
        Assert.DoesNotContain(affinities, affinity => affinity.ProductId == "kettle" || affinity.Other == "kettle");
        Assert.Equal(6, affinities.Count);
    }

    [Fact]
    public void RecommendsPartnersOfWhatTheyOwnStrongestFirstAndNothingTheyHave()
    {
        ProductAffinity[] affinities =
        [
            new("beans", "filters", "Filters", 3),
            new("beans", "grinder", "Grinder", 2),
            new("kettle", "grinder", "Grinder", 4),
            new("kettle", "beans", "Beans", 5),
        ];

        var recommendations = CoPurchase.For(["beans", "kettle"], affinities);

        // grinder: 2 + 4 = 6 customers; filters: 3; beans is owned.
        Assert.Equal([new Recommendation("grinder", "Grinder", 6), new Recommendation("filters", "Filters", 3)], recommendations);
    }
}
