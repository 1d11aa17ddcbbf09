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
            Categories = [.. purchases
                .SelectMany(order => order.Lines)
                .SelectMany(line => line.Categories.Select(category => (category, line.Quantity)))
                .GroupBy(pair => pair.category, StringComparer.OrdinalIgnoreCase)
                .OrderByDescending(group => group.Sum(pair => pair.Quantity))
                .ThenBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => group.Key)
                .Take(MaxCategories)],
            DiscountCodesUsed = [.. purchases
                .SelectMany(order => order.DiscountCodes)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Take(MaxDiscountCodes)],
            UpdatedAt = now,
        };

        var (score, segment) = RfmSegmentation.Classify(projected, now);
        return projected with { Rfm = score, Segment = segment, SegmentedAt = now };
    }

    private static IReadOnlyList<ProductPurchase> Products(List<OrderRecord> purchases) =>
        [.. purchases
            .SelectMany(order => order.Lines.Select(line => (order.PlacedAt, line)))
            .GroupBy(item => item.line.ProductId, StringComparer.Ordinal)
            .Select(group =>
            {
                var last = group.MaxBy(item => item.PlacedAt);
                return new ProductPurchase(group.Key, last.line.Title, group.Sum(item => item.line.Quantity), last.PlacedAt)
                {
                    Categories = [.. group.SelectMany(item => item.line.Categories).Distinct(StringComparer.OrdinalIgnoreCase)],
                };
            })
            .OrderByDescending(product => product.Quantity)
            .ThenByDescending(product => product.LastBoughtAt)
            .ThenBy(product => product.ProductId, StringComparer.Ordinal)
            .Take(MaxProducts)];

    private static (string? Zone, TimeZoneSource Source) TimeZoneOf(List<OrderCustomer> newestFirst)
    {
        if (newestFirst.Select(customer => customer.TimeZone).FirstOrDefault(TimeZones.IsKnown) is { } reported)
        {
            return (reported, TimeZoneSource.Reported);
        }

        return TimeZones.ForCountry(Latest(newestFirst, customer => customer.CountryCode)) is { } inferred
            ? (inferred, TimeZoneSource.Country)
            : (null, TimeZoneSource.Unknown);
    }

    private static string? Latest(List<OrderCustomer> newestFirst, Func<OrderCustomer, string?> field) =>
        newestFirst.Select(field).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
}
