using EcCrm.Core.Profiles;

namespace EcCrm.Core.Messaging.Recommendations;

/// <summary>
/// "Customers who bought this also bought": for every pair of products, the number of customers who bought both,
/// counted once per customer however often they bought, with how far that lies beyond chance. A product popular with
/// everyone is bought with everything, so counts alone would recommend it to everyone: recommendations stay in the
/// customer's own categories unless customers' purchases show a product of another category goes with theirs (lift of
/// at least <see cref="MinimumLift"/>, at 95% confidence). Cost: for each customer, the square of their distinct
/// products (bounded by <see cref="MaxProductsPerCustomer"/>).
/// </summary>
public static class CoPurchase
{
    public const int MaxProductsPerCustomer = 50;

    /// <summary>A product of another category is recommended when it is bought with the customer's at least this many times as often as chance would give.</summary>
    public const double MinimumLift = 1.2;

    /// <summary>… and the count is this many standard deviations above chance (95%, two-sided).</summary>
    public const double MinimumEvidence = 1.96;

    /// <param name="customers">Each customer's bought products (id, title, categories); customers with one product count for how popular it is.</param>
    /// <param name="perProduct">How many partners each product keeps by count, and again by evidence.</param>
    /// <param name="minimumCustomers">Pairs bought together by fewer customers are noise and are dropped.</param>
    public static IReadOnlyList<ProductAffinity> Compute(IEnumerable<IReadOnlyList<ProductPurchase>> customers, int perProduct = 10, int minimumCustomers = 2)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var pairs = new Dictionary<(string, string), int>();
        var buyers = new Dictionary<string, int>(StringComparer.Ordinal);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        var categories = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var total = 0;
        foreach (var products in customers)
        {
            var bought = products.GroupBy(product => product.ProductId, StringComparer.Ordinal).Select(group => group.First())
                .OrderBy(product => product.ProductId, StringComparer.Ordinal).Take(MaxProductsPerCustomer).ToList();
            if (bought.Count == 0)
            {
                continue;
            }

            total++;
            foreach (var product in bought)
            {
                titles[product.ProductId] = product.Title;
                categories[product.ProductId] = product.Categories;
                buyers[product.ProductId] = buyers.GetValueOrDefault(product.ProductId) + 1;
            }

            for (var i = 0; i < bought.Count; i++)
            {
                for (var j = 0; j < bought.Count; j++)
                {
                    if (i != j)
                    {
                        pairs[(bought[i].ProductId, bought[j].ProductId)] = pairs.GetValueOrDefault((bought[i].ProductId, bought[j].ProductId)) + 1;
                    }
                }
            }
        }

        return [.. pairs
            .Where(pair => pair.Value >= minimumCustomers)
            .Select(pair => new ProductAffinity(pair.Key.Item1, pair.Key.Item2, titles[pair.Key.Item2], pair.Value)
            {
                OtherCategories = categories[pair.Key.Item2],
                Lift = (double)pair.Value * total / ((double)buyers[pair.Key.Item1] * buyers[pair.Key.Item2]),
                Evidence = Evidence(pair.Value, buyers[pair.Key.Item1], buyers[pair.Key.Item2], total),
            })
            .GroupBy(affinity => affinity.ProductId, StringComparer.Ordinal)
            .SelectMany(group => group.OrderByDescending(affinity => affinity.Customers).ThenBy(affinity => affinity.Other, StringComparer.Ordinal).Take(perProduct)
                .Union(group.Where(IsEvidence).OrderByDescending(affinity => affinity.Evidence).ThenBy(affinity => affinity.Other, StringComparer.Ordinal).Take(perProduct)))
            .OrderBy(affinity => affinity.ProductId, StringComparer.Ordinal)
            .ThenBy(affinity => affinity.Other, StringComparer.Ordinal)];
    }

    /// <summary>
    /// What to suggest to a customer: partners of what they bought that are in one of their categories, or that
    /// customers' purchases tie to theirs (<see cref="MinimumLift"/>, <see cref="MinimumEvidence"/>); strongest first,
    /// nothing they already have. A customer whose products have no categories gets partners bought with theirs more
    /// often than chance.
    /// </summary>
    public static IReadOnlyList<Recommendation> For(IReadOnlyCollection<string> owned, IReadOnlyCollection<string> categories, IEnumerable<ProductAffinity> affinities, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(owned);
        ArgumentNullException.ThrowIfNull(categories);
        var mine = categories.ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool InMyCategories(ProductAffinity affinity) => affinity.OtherCategories.Any(mine.Contains);
        bool Qualifies(IGrouping<string, ProductAffinity> candidate) => mine.Count == 0
            ? candidate.Any(affinity => affinity.Lift > 1)
            : candidate.Any(InMyCategories) || candidate.Any(IsEvidence);
        return [.. affinities
            .Where(affinity => owned.Contains(affinity.ProductId) && !owned.Contains(affinity.Other))
            .GroupBy(affinity => affinity.Other, StringComparer.Ordinal)
            .Where(Qualifies)
            .Select(group => new Recommendation(group.Key, group.First().OtherTitle, group.Sum(affinity => affinity.Customers)))
            .OrderByDescending(recommendation => recommendation.BoughtTogether)
            .ThenBy(recommendation => recommendation.ProductId, StringComparer.Ordinal)
            .Take(count)];
    }

    private static bool IsEvidence(ProductAffinity affinity) => affinity.Lift >= MinimumLift && affinity.Evidence >= MinimumEvidence;

    /// <summary>
    /// Standard deviations between the customers who bought both and what chance gives: with <paramref name="total"/>
    /// customers, <paramref name="a"/> of whom bought one and <paramref name="b"/> the other, the hypergeometric mean
    /// a·b/N and variance a·(b/N)·(1 − b/N)·(N − a)/(N − 1).
    /// </summary>
    private static double Evidence(int both, int a, int b, int total)
    {
        if (total < 2)
        {
            return 0;
        }

        double n = total;
        var expected = a * b / n;
        var variance = a * (b / n) * (1 - (b / n)) * (n - a) / (n - 1);
        return variance <= 0 ? 0 : (both - expected) / Math.Sqrt(variance);
    }
}
