using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Messaging;

/// <summary>
/// Every sample template in <c>journeys/templates/</c>, rendered for two fixed customers, reads exactly as the text kept
/// in <c>SampleTemplates/&lt;template&gt;.&lt;customer&gt;.txt</c>: subject, HTML and text part. A change a reader would
/// see, in a template or in the Liquid engine, shows up here as a difference.
/// </summary>
public class SampleTemplateRenderingTests
{
    private const string Regular = "regular";
    private const string Newcomer = "newcomer";
    private const string HtmlMarker = "===== html";
    private const string TextMarker = "===== text";

    private static readonly DateTimeOffset Now = new(2026, 9, 20, 9, 0, 0, TimeSpan.Zero);

    private static readonly string TemplatesFolder = RepositoryRoot.Combine("journeys", "templates");

    public static TheoryData<string, string> Renderings
    {
        get
        {
            var renderings = new TheoryData<string, string>();
            foreach (var id in SampleTemplates())
            {
                renderings.Add(id, Regular);
                renderings.Add(id, Newcomer);
            }

            return renderings;
        }
    }

    [Theory]
    [MemberData(nameof(Renderings))]
    public void SampleTemplateRendersAsExpected(string templateId, string customer)
    {
        var expectedFile = ExpectedFile(templateId, customer);
        Assert.True(File.Exists(expectedFile), $"No expected rendering {expectedFile}.");

        var actual = Rendered(templateId, customer);

        Assert.Equal(Normalised(File.ReadAllText(expectedFile)), actual);
    }

    [Fact]
    public void EveryExpectedRenderingBelongsToASampleTemplate()
    {
        var expected = Directory.GetFiles(ExpectedFolder(), "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var templates = SampleTemplates().SelectMany(id => new[] { $"{id}.{Newcomer}.txt", $"{id}.{Regular}.txt" }).Order(StringComparer.Ordinal);

        Assert.Equal(templates, expected);
    }

    private static string Rendered(string templateId, string customer)
    {
        var (template, error) = EmailTemplateFile.Parse(templateId, File.ReadAllText(Path.Combine(TemplatesFolder, templateId + ".liquid")));
        Assert.Null(error);
        var layout = File.ReadAllText(Path.Combine(TemplatesFolder, "layouts", template!.Layout + ".liquid"));
        var partials = Directory.GetFiles(Path.Combine(TemplatesFolder, "partials"), "*.liquid")
            .ToDictionary(file => Path.GetFileNameWithoutExtension(file), File.ReadAllText);

        var email = TemplateRenderer.Render(template, layout, partials, Model(templateId, customer));

        return Normalised($"Subject: {email.Subject}\n{HtmlMarker}\n{email.Html}\n{TextMarker}\n{email.Text}\n");
    }

    /// <summary>
    /// A regular customer with a name that needs HTML encoding, three items in her last order, recommendations and a
    /// coupon valid until a single-digit day; and a newcomer the shop knows nothing about yet.
    /// </summary>
    private static IReadOnlyDictionary<string, object?> Model(string templateId, string customer)
    {
        var shop = new ShopOptions { Name = "Kōhī & Co", PostalAddress = "東京都渋谷区神南1-2-3", WebsiteUrl = new Uri("https://kohi.example.com/shop") };
        var unsubscribe = new Uri("https://crm.kohi.example.com/unsubscribe?token=abc123");
        var key = CustomerKey.FromEmail($"{customer}@example.com");
        if (customer == Newcomer)
        {
            var newcomer = CustomerProfile.Empty(key) with { Email = $"{customer}@example.com" };
            return EmailModel.Build(new EmailModelInput(newcomer, null, [], null, shop, unsubscribe, "welcome", 1, templateId, Now));
        }

        var placed = new DateTimeOffset(2026, 7, 22, 14, 30, 0, TimeSpan.Zero);
        var profile = CustomerProfile.Empty(key) with
        {
            Email = $"{customer}@example.com",
            FirstName = "D'Arcy",
            LastName = "Fitz <William>",
            CountryCode = "GB",
            Locale = "en-GB",
            OrderCount = 4,
            Revenue = 18450.5m,
            Currency = "JPY",
            FirstOrderAt = placed.AddDays(-200),
            LastOrderAt = placed,
            Products = [new ProductPurchase("gyokuro", "Gyokuro \"Asahi\"", 5, placed), new ProductPurchase("kyusu", "Kyūsu teapot", 1, placed)],
            Tags = ["vip"],
        };
        var order = new OrderRecord
        {
            Source = OrderSource.Generic,
            OrderId = "5001",
            OrderNumber = "#5001",
            Status = OrderStatus.Paid,
            PlacedAt = placed,
            UpdatedAt = placed,
            Currency = "JPY",
            Total = 6400m,
            Lines =
            [
                new OrderLine { ProductId = "gyokuro", Title = "Gyokuro \"Asahi\"", Quantity = 2, UnitPrice = 2400m },
                new OrderLine { ProductId = "kyusu", Title = "Kyūsu teapot", Quantity = 1, UnitPrice = 1200m },
                new OrderLine { ProductId = "filters & cloths", Title = "Filters & cloths", Quantity = 1, UnitPrice = 400m },
            ],
        };
        Recommendation[] recommendations = [new("matcha-whisk", "Matcha whisk <bamboo>", 9), new("sencha", "Sencha & Genmaicha set", 4)];
        var coupon = new CreateCoupon($"winback-60:{key.Value}:1:coupon", "BACK-TEA5", 15m, null, new DateTimeOffset(2026, 10, 5, 23, 59, 0, TimeSpan.Zero));
        return EmailModel.Build(new EmailModelInput(profile, order, recommendations, coupon, shop, unsubscribe, "winback-60", 2, templateId, Now));
    }

    private static List<string> SampleTemplates() =>
        [.. Directory.GetFiles(TemplatesFolder, "*.liquid").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    private static string ExpectedFolder() => RepositoryRoot.Combine("tests", "EcCrm.Core.Tests", "Messaging", "SampleTemplates");

    private static string ExpectedFile(string templateId, string customer) => Path.Combine(ExpectedFolder(), $"{templateId}.{customer}.txt");

    private static string Normalised(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
