namespace EcCrm.Core.Messaging.Recommendations;

/// <summary>
/// "Customers who bought this also bought": for every pair of products, the number of customers who bought both,
/// counted once per customer however often they bought. Each product keeps its <paramref name="perProduct"/> strongest
/// partners. Cost: for each customer, the square of their distinct products (bounded by <see cref="MaxProductsPerCustomer"/>).
/// </summary>
public static class CoPurchase
{
    public const int MaxProductsPerCustomer = 50;

    /// <param name="customers">Each customer's bought products: id and title.</param>
    /// <param name="perProduct">How many partners each product keeps.</param>
    /// <param name="minimumCustomers">Pairs bought together by fewer customers are noise and are dropped.</param>
    public static IReadOnlyList<ProductAffinity> Compute(IEnumerable<IReadOnlyDictionary<string, string>> customers, int perProduct = 10, int minimumCustomers = 2)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var pairs = new Dictionary<(string, string), int>();
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var products in customers)
        {
            var ids = products.Keys.Order(StringComparer.Ordinal).Take(MaxProductsPerCustomer).ToList();
            foreach (var id in ids)
            {
                titles[id] = products[id];
            }

            for (var i = 0; i < ids.Count; i++)
            {
                for (var j = 0; j < ids.Count; j++)
                {
                    if (i != j)
                    {
                        pairs[(ids[i], ids[j])] = pairs.GetValueOrDefault((ids[i], ids[j])) + 1;
                    }
                }
            }
        }

        return [.. pairs
            .Where(pair => pair.Value >= minimumCustomers)
            .GroupBy(pair => pair.Key.Item1, StringComparer.Ordinal)
            .SelectMany(group => group
                .OrderByDescending(pair => pair.Value)
                .ThenBy(pair => pair.Key.Item2, StringComparer.Ordinal)
                .Take(perProduct)
                .Select(pair => new ProductAffinity(group.Key, pair.Key.Item2, titles[pair.Key.Item2], pair.Value)))
            .OrderBy(affinity => affinity.ProductId, StringComparer.Ordinal)];
    }

    /// <summary>What to suggest to a customer: partners of what they bought, strongest first, nothing they already have.</summary>
    public static IReadOnlyList<Recommendation> For(IReadOnlyCollection<string> owned, IEnumerable<ProductAffinity> affinities, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(owned);
        return [.. affinities
            .Where(affinity => owned.Contains(affinity.ProductId) && !owned.Contains(affinity.Other))
            .GroupBy(affinity => affinity.Other, StringComparer.Ordinal)
            .Select(group => new Recommendation(group.Key, group.First().OtherTitle, group.Sum(affinity => affinity.Customers)))
            .OrderByDescending(recommendation => recommendation.BoughtTogether)
            .ThenBy(recommendation => recommendation.ProductId, StringComparer.Ordinal)
            .Take(count)];
    }
}
