using EcCrm.Core.Messaging.Templates;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Messaging;

/// <summary>The e-mail model speaks the customer's language and keeps their clock, falling back to the shop's.</summary>
public class EmailModelTests
{
    private static readonly DateTimeOffset SevenInTheMorningInTokyo = new(2026, 10, 26, 22, 0, 0, TimeSpan.Zero);

    private static readonly ShopOptions TokyoShop = new()
    {
        Name = "Kissa",
        PostalAddress = "2-11-3 Jingumae, Shibuya-ku, Tokyo 150-0001, Japan",
        PostalAddresses = { ["ja"] = "〒150-0001 東京都渋谷区神宮前2-11-3" },
        Locale = "ja-JP",
        TimeZone = "Asia/Tokyo",
        WebsiteUrl = new Uri("https://kissa.example.com"),
    };

    [Fact]
    public void ACustomerWithoutLocaleOrZoneGetsTheShopsLanguageClockAndAddress()
    {
        var email = Render(Customer(locale: null, zone: null), "{{ salutation }}|{{ last_order.placed_at | local_date }}|{{ last_order.total | money: last_order.currency }}|{{ shop.postal_address }}");

        Assert.Equal("山田 花子 様|2026年10月27日|¥12,800|〒150-0001 東京都渋谷区神宮前2-11-3", email);
    }

    [Fact]
    public void AnEnglishCustomerGetsHerOwnLanguageAndClock()
    {
        var email = Render(Customer(locale: "en-US", zone: "America/Los_Angeles") with { FirstName = "Hanako", LastName = "Yamada" }, "{{ salutation }}|{{ last_order.placed_at | local_date }}|{{ profile.revenue | money }}|{{ shop.postal_address }}");

        Assert.Equal("Dear Hanako|October 26, 2026|¥12,800|2-11-3 Jingumae, Shibuya-ku, Tokyo 150-0001, Japan", email);
    }

    [Fact]
    public void DatesUnderTheStandardDateFilterAreOnTheCustomersClockToo()
    {
        var email = Render(Customer(locale: "ja-JP", zone: null), "{{ last_order.placed_at | date: '%Y-%m-%d %H:%M' }}");

        Assert.Equal("2026-10-27 07:00", email);
    }

    private static CustomerProfile Customer(string? locale, string? zone) => CustomerProfile.Empty(TestKeys.ForEmail("hanako@example.com")) with
    {
        Email = "hanako@example.com",
        FirstName = "花子",
        LastName = "山田",
        Locale = locale,
        TimeZone = zone,
        Revenue = 12800m,
        Currency = "JPY",
        LastOrderAt = SevenInTheMorningInTokyo,
    };

    private static string Render(CustomerProfile profile, string body)
    {
        var order = new OrderRecord
        {
            Source = OrderSource.Generic,
            OrderId = "1",
            Status = OrderStatus.Paid,
            PlacedAt = SevenInTheMorningInTokyo,
            UpdatedAt = SevenInTheMorningInTokyo,
            Currency = "JPY",
            Total = 12800m,
        };
        var model = EmailModel.Build(new EmailModelInput(profile, order, [], null, TokyoShop, new Uri("https://crm.example.com/unsubscribe?token=t"), "j", 1, "t", SevenInTheMorningInTokyo.AddDays(3)));
        var template = EmailTemplateFile.Parse("t", $"---\nsubject: s\nlayout: none\n---\n{body}").Template!;
        return TemplateRenderer.Render(template, null, new Dictionary<string, string>(), model).Html;
    }
}
