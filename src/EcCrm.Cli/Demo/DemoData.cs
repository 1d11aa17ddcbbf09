using System.Globalization;
using Bogus;
using EcCrm.Core.Orders;

namespace EcCrm.Cli.Demo;

/// <summary>
/// Realistic, reproducible demo orders: several thousand customers over two years with varied buying rhythms,
/// some long inactive, a few cancellations and refunds. The same seed and end date give the same orders.
/// </summary>
public static class DemoData
{
    private static readonly (string Country, string? Zone, string Locale, double Weight)[] Countries =
    [
        ("JP", null, "ja", 0.78), // inferred from the country: Asia/Tokyo
        ("US", "America/Los_Angeles", "en_US", 0.06),
        ("US", "America/New_York", "en_US", 0.04),
        ("DE", null, "de", 0.04), // inferred: Europe/Berlin
        ("GB", null, "en_GB", 0.03),
        ("AU", "Australia/Sydney", "en_AU", 0.03),
        ("SG", null, "en", 0.02),
    ];

    public static IEnumerable<(int Index, DemoPersona Persona, IReadOnlyList<OrderRecord> Orders)> Customers(int count, DateTimeOffset end, int seed)
    {
        var start = end.AddYears(-2);
        for (var index = 0; index < count; index++)
        {
            var random = new Random(unchecked((seed * 100_003) + index)); // not HashCode.Combine: it is randomised per process
            var persona = Pick(random, (DemoPersona.OneTime, 0.42), (DemoPersona.Regular, 0.2), (DemoPersona.Occasional, 0.22), (DemoPersona.Lapsed, 0.16));
            var country = Pick(random, Countries.Select(c => (c, c.Weight)).ToArray());
            var person = new Faker(country.Locale) { Random = new Randomizer(random.Next()) }.Person;
            var customer = new OrderCustomer
            {
                Email = string.Create(CultureInfo.InvariantCulture, $"demo.customer{index:00000}@example.com"),
                SourceCustomerId = string.Create(CultureInfo.InvariantCulture, $"demo-{index}"),
                FirstName = person.FirstName,
                LastName = person.LastName,
                AcceptsMarketing = Pick(random, ((bool?)true, 0.72), ((bool?)false, 0.18), ((bool?)null, 0.1)),
                CountryCode = country.Country,
                TimeZone = country.Zone,
                City = person.Address.City,
                Locale = country.Locale.Replace('_', '-'),
            };

            var orders = new List<OrderRecord>();
            foreach (var placedAt in OrderDates(persona, random, start, end))
            {
                orders.Add(Order(index, orders.Count, placedAt, customer, persona, random));
            }

            yield return (index, persona, orders);
        }
    }

    private static IEnumerable<DateTimeOffset> OrderDates(DemoPersona persona, Random random, DateTimeOffset start, DateTimeOffset end)
    {
        var spanDays = (end - start).TotalDays;
        var first = start.AddDays(random.NextDouble() * spanDays * (persona == DemoPersona.OneTime ? 0.97 : 0.6));
        var (meanInterval, stopBefore) = persona switch
        {
            DemoPersona.Regular => (21 + (random.NextDouble() * 21), 0.0),
            DemoPersona.Occasional => (60 + (random.NextDouble() * 60), 0.0),
            DemoPersona.Lapsed => (25 + (random.NextDouble() * 30), 60 + (random.NextDouble() * 240)),
            _ => (0.0, 0.0),
        };

        var last = end.AddDays(-stopBefore);
        var at = first;
        do
        {
            yield return DuringShopHours(at, random);
            at = at.AddDays(meanInterval * (0.7 + (random.NextDouble() * 0.6)));
        }
        while (meanInterval > 0 && at < last);
    }

    private static OrderRecord Order(int customer, int number, DateTimeOffset placedAt, OrderCustomer buyer, DemoPersona persona, Random random)
    {
        var lines = new List<OrderLine>();
        var usual = DemoCatalog.Consumables[customer % DemoCatalog.Consumables.Count];
        lines.Add(DemoCatalog.Line(persona == DemoPersona.OneTime && random.NextDouble() < 0.4 ? Any(random) : usual, 1 + (random.NextDouble() < 0.3 ? 1 : 0)));
        var extra = random.NextDouble();
        if (extra < 0.45)
        {
            var product = Any(random);
            if (lines.All(line => line.ProductId != product.Id))
            {
                lines.Add(DemoCatalog.Line(product, 1));
            }
        }

        var total = lines.Sum(line => line.UnitPrice * line.Quantity) + (random.NextDouble() < 0.6 ? 500m : 0m);
        var fate = random.NextDouble();
        var status = fate < 0.03 ? OrderStatus.Cancelled : OrderStatus.Paid;
        var refunded = fate is >= 0.03 and < 0.05 ? Math.Round(total * 0.3m, 0) : 0m;
        var source = (customer % 20) switch
        {
            < 12 => OrderSource.Shopify,
            < 17 => OrderSource.WooCommerce,
            _ => OrderSource.Generic,
        };
        return new OrderRecord
        {
            Source = source,
            OrderId = string.Create(CultureInfo.InvariantCulture, $"demo-{customer}-{number}"),
            OrderNumber = string.Create(CultureInfo.InvariantCulture, $"#{10000 + (customer * 40) + number}"),
            Status = status,
            PlacedAt = placedAt,
            UpdatedAt = placedAt.AddMinutes(status == OrderStatus.Paid && refunded == 0 ? 1 : 60 * 24 * 3),
            Currency = "JPY",
            Total = total,
            RefundedAmount = refunded,
            Customer = buyer,
            Lines = lines,
            DiscountCodes = random.NextDouble() < 0.08 ? ["WELCOME10"] : [],
        };
    }

    private static DemoCatalog.Product Any(Random random) => DemoCatalog.Products[random.Next(DemoCatalog.Products.Count)];

    // Orders come in during the Tokyo day (09:00-23:00 JST).
    private static DateTimeOffset DuringShopHours(DateTimeOffset day, Random random) =>
        new DateTimeOffset(day.UtcDateTime.Date, TimeSpan.Zero).AddHours(random.Next(0, 14)).AddMinutes(random.Next(0, 60));

    private static T Pick<T>(Random random, params (T Value, double Weight)[] choices)
    {
        var roll = random.NextDouble() * choices.Sum(choice => choice.Weight);
        foreach (var (value, weight) in choices)
        {
            roll -= weight;
            if (roll <= 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }
}
