using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using EcCrm.Core.Surveys;
using EcCrm.Core.Tracking;
using EcCrm.Infrastructure.Email;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Messaging;

/// <summary>
/// Every sample template in <c>journeys/templates/</c>, rendered for three fixed customers of a Tokyo shop (a Japanese
/// customer, an English one, and a newcomer whose language is not known, who gets the shop's), reads exactly as the text
/// kept in <c>SampleTemplates/&lt;template&gt;.&lt;customer&gt;.txt</c>: subject, HTML and text part. A change a reader
/// would see, in a template, a layout or the Liquid engine, shows up here as a difference; the rendering that differs is
/// written to <c>eccrm-sample-templates</c> in the temporary folder, to compare and copy.
/// </summary>
public class SampleTemplateRenderingTests
{
    private const string Japanese = "ja";
    private const string English = "en";
    private const string Newcomer = "newcomer";
    private const string HtmlMarker = "===== html";
    private const string TextMarker = "===== text";

    private static readonly string[] Customers = [Japanese, English, Newcomer];

    private static readonly DateTimeOffset Now = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    private static readonly string TemplatesFolder = RepositoryRoot.Combine("journeys", "templates");

    public static TheoryData<string, string> Renderings
    {
        get
        {
            var renderings = new TheoryData<string, string>();
            foreach (var id in SampleTemplates())
            {
                foreach (var customer in Customers)
                {
                    renderings.Add(id, customer);
                }
            }

            return renderings;
        }
    }

    [Theory]
    [MemberData(nameof(Renderings))]
    public async Task SampleTemplateRendersAsExpected(string templateId, string customer)
    {
        var expectedFile = ExpectedFile(templateId, customer);
        var actual = await RenderedAsync(templateId, customer);
        var expected = File.Exists(expectedFile) ? Normalised(await File.ReadAllTextAsync(expectedFile)) : null;
        if (expected != actual)
        {
            var written = Path.Combine(Path.GetTempPath(), "eccrm-sample-templates", Path.GetFileName(expectedFile));
            Directory.CreateDirectory(Path.GetDirectoryName(written)!);
            await File.WriteAllTextAsync(written, actual);
            Assert.Fail($"{templateId} for the {customer} customer does not render as {expectedFile} says; it renders as {written}.");
        }
    }

    [Fact]
    public void EveryExpectedRenderingBelongsToASampleTemplate()
    {
        var expected = Directory.GetFiles(ExpectedFolder(), "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var templates = SampleTemplates().SelectMany(id => Customers.Select(customer => $"{id}.{customer}.txt")).Order(StringComparer.Ordinal);

        Assert.Equal(templates, expected);
    }

    [Fact]
    public void EverySampleTemplateAndLayoutIsWrittenInJapaneseAndEnglish()
    {
        var files = Directory.GetFiles(TemplatesFolder, "*.liquid").Concat(Directory.GetFiles(Path.Combine(TemplatesFolder, "layouts"), "*.liquid"))
            .Select(file => TemplateVariants.Split(Path.GetFileNameWithoutExtension(file)))
            .ToList();

        Assert.All(files.GroupBy(file => file.Id), template => Assert.Equal([English, Japanese], template.Select(file => file.Language).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task AnOrderPlacedEarlyInTheMorningInTokyoIsDatedOnTheTokyoDay()
    {
        var email = await RenderedAsync("winback-1", Japanese);

        // Placed at 22:00 UTC on 26 October, which is 07:00 on the 27th in Tokyo.
        Assert.Contains("2026年10月27日には", email, StringComparison.Ordinal);
        Assert.DoesNotContain("10月26日", email, StringComparison.Ordinal);
    }

    private static async Task<string> RenderedAsync(string templateId, string customer)
    {
        var catalog = new TemplateCatalog(new FileEmailTemplates(TemplatesFolder));
        var email = await catalog.RenderAsync(templateId, Input(templateId, customer), CancellationToken.None);
        return Normalised($"Subject: {email.Subject}\nLanguage: {email.Language}\n{HtmlMarker}\n{email.Html}\n{TextMarker}\n{email.Text}\n");
    }

    /// <summary>
    /// A Japanese customer in Tokyo whose last order was placed early in the morning Tokyo time; an English customer in
    /// London with a name that needs HTML encoding and three items in her last order; and a newcomer the shop knows
    /// nothing about yet. Each has recommendations and the coupon a journey made.
    /// </summary>
    private static EmailModelInput Input(string templateId, string customer)
    {
        var shop = new ShopOptions
        {
            Name = "Kōhī & Co",
            PostalAddress = "1-2-3 Jinnan, Shibuya-ku, Tokyo 150-0041, Japan",
            PostalAddresses = { [Japanese] = "〒150-0041 東京都渋谷区神南1-2-3" },
            ContactEmail = "hello@kohi.example.com",
            Locale = "ja-JP",
            Currency = "JPY",
            TimeZone = "Asia/Tokyo",
            WebsiteUrl = new Uri("https://kohi.example.com/shop"),
        };
        var unsubscribe = new Uri("https://crm.kohi.example.com/unsubscribe?token=abc123");
        var key = TestKeys.ForEmail($"{customer}@example.com");
        var coupon = new CreateCoupon($"winback-60:{key.Value}:1:coupon", "BACK-TEA5", 15m, null, new DateTimeOffset(2026, 11, 16, 14, 59, 0, TimeSpan.Zero));
        if (customer == Newcomer)
        {
            var newcomer = CustomerProfile.Empty(key) with { Email = $"{customer}@example.com" };
            return new EmailModelInput(newcomer, null, [], coupon, shop, unsubscribe, "welcome", 1, templateId, Now) { Behaviour = Browsing("Hōjicha tin", "Tea scoop"), Survey = SurveyOf(templateId) };
        }

        var (profile, order, recommendations) = customer == Japanese ? Hanako(key) : DArcy(key);
        return new EmailModelInput(profile, order, recommendations, coupon, shop, unsubscribe, "winback-60", 2, templateId, Now)
        {
            Behaviour = customer == Japanese ? Browsing("ほうじ茶 缶入り", "茶さじ") : Browsing("Hōjicha <tin>", "Tea scoop & stand"),
            Survey = SurveyOf(templateId),
        };
    }

    /// <summary>The answer links of the NPS survey e-mail (a survey step's send has them; other e-mails have none).</summary>
    private static SurveyEmail? SurveyOf(string templateId) => templateId == "nps-1"
        ? new SurveyEmail(SurveyKind.Nps, true, [.. Enumerable.Range(0, 11).Select(score => (score.ToString(System.Globalization.CultureInfo.InvariantCulture), new Uri($"https://crm.kohi.example.com/survey?token=s{score}")))])
        : null;

    /// <summary>A checkout left two hours ago with two lines, and a product looked at since.</summary>
    private static BehaviourView Browsing(string carted, string viewed) => new(
        new TrackedEvent
        {
            EventId = "checkout-1",
            Type = TrackedEventType.CheckoutStarted,
            OccurredAt = Now.AddHours(-2),
            Currency = "JPY",
            CheckoutUrl = new Uri("https://kohi.example.com/checkouts/c1/recover?key=k1"),
            Lines =
            [
                new TrackedLine { ProductId = "hojicha", Title = carted, Quantity = 2, UnitPrice = 1800m },
                new TrackedLine { ProductId = "kyusu-2", Title = null, Quantity = 1, UnitPrice = 6500m, Url = new Uri("https://kohi.example.com/shop/products/kyusu-2") },
            ],
        },
        [new TrackedLine { ProductId = "scoop", Title = viewed, UnitPrice = 900m }]);

    private static (CustomerProfile, OrderRecord, Recommendation[]) Hanako(CustomerKey key)
    {
        var placed = new DateTimeOffset(2026, 10, 26, 22, 0, 0, TimeSpan.Zero);
        var profile = CustomerProfile.Empty(key) with
        {
            Email = "ja@example.com",
            FirstName = "花子",
            LastName = "山田",
            CountryCode = "JP",
            Locale = "ja-JP",
            TimeZone = "Asia/Tokyo",
            OrderCount = 6,
            Revenue = 12800m,
            Currency = "JPY",
            FirstOrderAt = placed.AddDays(-300),
            LastOrderAt = placed,
            Products = [new ProductPurchase("gyokuro", "玉露「朝日」50g", 4, placed), new ProductPurchase("kyusu", "常滑焼 急須", 1, placed)],
        };
        var order = Order(placed, [("gyokuro", "玉露「朝日」50g", 2, 2900m), ("kyusu", "常滑焼 急須", 1, 6500m)]);
        return (profile, order, [new("chasen", "茶筅 <竹製>", 9), new("sencha", "煎茶 & 玄米茶セット", 4)]);
    }

    private static (CustomerProfile, OrderRecord, Recommendation[]) DArcy(CustomerKey key)
    {
        var placed = new DateTimeOffset(2026, 7, 22, 14, 30, 0, TimeSpan.Zero);
        var profile = CustomerProfile.Empty(key) with
        {
            Email = "en@example.com",
            FirstName = "D'Arcy",
            LastName = "Fitz <William>",
            CountryCode = "GB",
            Locale = "en-GB",
            TimeZone = "Europe/London",
            OrderCount = 4,
            Revenue = 18450.5m,
            Currency = "JPY",
            FirstOrderAt = placed.AddDays(-200),
            LastOrderAt = placed,
            Products = [new ProductPurchase("gyokuro", "Gyokuro \"Asahi\"", 5, placed), new ProductPurchase("kyusu", "Kyūsu teapot", 1, placed)],
            Tags = ["vip"],
        };
        var order = Order(placed, [("gyokuro", "Gyokuro \"Asahi\"", 2, 2400m), ("kyusu", "Kyūsu teapot", 1, 1200m), ("filters & cloths", "Filters & cloths", 1, 400m)]);
        return (profile, order, [new("matcha-whisk", "Matcha whisk <bamboo>", 9), new("sencha", "Sencha & Genmaicha set", 4)]);
    }

    private static OrderRecord Order(DateTimeOffset placed, (string Id, string Title, int Quantity, decimal Price)[] lines) => new()
    {
        Source = OrderSource.Generic,
        OrderId = "5001",
        OrderNumber = "#5001",
        Status = OrderStatus.Paid,
        PlacedAt = placed,
        UpdatedAt = placed,
        Currency = "JPY",
        Total = lines.Sum(line => line.Quantity * line.Price),
        Lines = [.. lines.Select(line => new OrderLine { ProductId = line.Id, Title = line.Title, Quantity = line.Quantity, UnitPrice = line.Price })],
    };

    private static List<string> SampleTemplates() =>
        [.. Directory.GetFiles(TemplatesFolder, "*.liquid").Select(file => TemplateVariants.Split(Path.GetFileNameWithoutExtension(file)).Id).Distinct().Order(StringComparer.Ordinal)];

    private static string ExpectedFolder() => RepositoryRoot.Combine("tests", "EcCrm.Core.Tests", "Messaging", "SampleTemplates");

    private static string ExpectedFile(string templateId, string customer) => Path.Combine(ExpectedFolder(), $"{templateId}.{customer}.txt");

    private static string Normalised(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
