using EcCrm.Core.Orders;
using EcCrm.Core.Segments;
using EcCrm.Core.Shop;

namespace EcCrm.Core.Profiles;

/// <summary>
/// Derives a profile's order facts from all of the customer's stored orders. Because the facts are recomputed
/// from the orders rather than incremented, a redelivered, reordered, cancelled or refunded order can never leave
/// the counts wrong, and a crash halfway through is healed by the next attempt.
/// </summary>
public static class ProfileProjection
{
    public const int MaxProducts = 50;
    public const int MaxCategories = 20;
    public const int MaxDiscountCodes = 20;
    public const int MaxLastOrderLines = 20;

    public static CustomerProfile Project(CustomerProfile current, IReadOnlyList<OrderRecord> orders, DateTimeOffset now)
    {
        var purchases = orders.Where(order => order.CountsAsPurchase).OrderBy(order => order.PlacedAt).ToList();
        var newestFirst = orders.OrderByDescending(order => order.UpdatedAt).ThenByDescending(order => order.PlacedAt).ToList();
        var latest = newestFirst.Select(order => order.Customer).ToList();
        var consentOrder = newestFirst.FirstOrDefault(order => order.Customer.AcceptsMarketing is not null);
        var (timeZone, timeZoneSource) = TimeZoneOf(latest);

        var projected = current with
        {
            Email = Latest(latest, customer => customer.Email),
            FirstName = Latest(latest, customer => customer.FirstName),
            LastName = Latest(latest, customer => customer.LastName),
            Phone = Latest(latest, customer => customer.Phone),
            CountryCode = Latest(latest, customer => customer.CountryCode)?.ToUpperInvariant(),
            City = Latest(latest, customer => customer.City),
            Locale = Latest(latest, customer => customer.Locale),
            TimeZone = timeZone,
            TimeZoneSource = timeZoneSource,
            AcceptsMarketing = consentOrder?.Customer.AcceptsMarketing,
            ConsentReportedAt = consentOrder?.UpdatedAt,
            OrderCount = purchases.Count,
            Revenue = purchases.Sum(order => order.NetRevenue),
            Currency = newestFirst.FirstOrDefault()?.Currency,
            FirstOrderAt = purchases.FirstOrDefault()?.PlacedAt,
            LastOrderAt = purchases.LastOrDefault()?.PlacedAt,
            LastOrder = purchases.MaxBy(order => order.PlacedAt) is { } last
                ? last with { Lines = [.. last.Lines.Take(MaxLastOrderLines)] }
                : null,
            AverageDaysBetweenOrders = purchases.Count >= 2
                ? Math.Round((purchases[^1].PlacedAt - purchases[0].PlacedAt).TotalDays / (purchases.Count - 1), 1)
                : null,
            Products = Products(purchases),
            Categories = Categories(purchases),
            DiscountCodesUsed = [.. purchases
                .SelectMany(order => order.DiscountCodes)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Take(MaxDiscountCodes)],
            UpdatedAt = now,
        };

        var (score, segment) = RfmSegmentation.Classify(projected, now);
        return projected with { Rfm = score, Segment = segment, SegmentedAt = now };
    }

    // Products and categories are counted in one pass with dictionaries rather than with GroupBy and OrderBy: the
    // projection runs for every order ingested and for every customer a simulation or backtest replays, and the
    // queries cost more than the rest of it together. Each group keeps what GroupBy kept: the first spelling of its key,
    // and (MaxBy) the first of its latest lines; the orders below are total, so sorting is as stable as OrderBy was.
    private static List<ProductPurchase> Products(List<OrderRecord> purchases)
    {
        var products = new List<(string ProductId, string Title, int Quantity, DateTimeOffset LastBoughtAt, List<string> Categories, HashSet<string> Seen)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var order in purchases)
        {
            foreach (var line in order.Lines)
            {
                if (!index.TryGetValue(line.ProductId, out var at))
                {
                    at = products.Count;
                    index.Add(line.ProductId, at);
                    products.Add((line.ProductId, line.Title, 0, order.PlacedAt, [], new HashSet<string>(StringComparer.OrdinalIgnoreCase)));
                }

                var product = products[at];
                product.Quantity = checked(product.Quantity + line.Quantity);
                if (order.PlacedAt > product.LastBoughtAt)
                {
                    (product.Title, product.LastBoughtAt) = (line.Title, order.PlacedAt);
                }

                foreach (var category in line.Categories)
                {
                    if (product.Seen.Add(category))
                    {
                        product.Categories.Add(category);
                    }
                }

                products[at] = product;
            }
        }

        products.Sort((a, b) =>
            b.Quantity != a.Quantity ? b.Quantity.CompareTo(a.Quantity)
            : b.LastBoughtAt != a.LastBoughtAt ? b.LastBoughtAt.CompareTo(a.LastBoughtAt)
            : string.CompareOrdinal(a.ProductId, b.ProductId));
        return [.. products.Take(MaxProducts).Select(product => new ProductPurchase(product.ProductId, product.Title, product.Quantity, product.LastBoughtAt) { Categories = product.Categories })];
    }

    private static List<string> Categories(List<OrderRecord> purchases)
    {
        var categories = new List<(string Name, int Quantity)>();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in purchases.SelectMany(order => order.Lines))
        {
            foreach (var category in line.Categories)
            {
                if (index.TryGetValue(category, out var at))
                {
                    categories[at] = (categories[at].Name, checked(categories[at].Quantity + line.Quantity));
                }
                else
                {
                    index.Add(category, categories.Count);
                    categories.Add((category, line.Quantity));
                }
            }
        }

        categories.Sort((a, b) => b.Quantity != a.Quantity ? b.Quantity.CompareTo(a.Quantity) : string.CompareOrdinal(a.Name, b.Name));
        return [.. categories.Take(MaxCategories).Select(category => category.Name)];
    }

    private static (string? Zone, TimeZoneSource Source) TimeZoneOf(List<OrderCustomer> newestFirst)
    {
        foreach (var customer in newestFirst)
        {
            if (TimeZones.IsKnown(customer.TimeZone))
            {
                return (customer.TimeZone, TimeZoneSource.Reported);
            }
        }

        return TimeZones.ForCountry(Latest(newestFirst, customer => customer.CountryCode)) is { } inferred
            ? (inferred, TimeZoneSource.Country)
            : (null, TimeZoneSource.Unknown);
    }

    private static string? Latest(List<OrderCustomer> newestFirst, Func<OrderCustomer, string?> field)
    {
        foreach (var customer in newestFirst)
        {
            if (field(customer) is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }
}
