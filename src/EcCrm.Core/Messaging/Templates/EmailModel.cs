using System.Globalization;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Sending;
using EcCrm.Core.Messaging.Localization;
using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>
/// The variables every template can use (documented in docs/email.md): <c>profile</c>, <c>salutation</c>,
/// <c>last_order</c>, <c>products</c> (most bought), <c>recommendations</c>, <c>cart</c> (the checkout or cart left since the
/// last order, nil without one), <c>viewed</c> (products looked at and not bought since), <c>coupon</c> (nil without one), <c>shop</c>,
/// <c>links</c>, <c>unsubscribe_url</c>, <c>survey</c> (a survey step's answer links, nil in other e-mails), <c>journey</c> and <c>email</c> (its language, locale, time zone and currency,
/// which the <c>money</c> and <c>local_date</c> filters follow). Dates are on the customer's clock: in their time zone,
/// or the shop's when theirs is unknown. Links carry UTM tags so the shop's analytics credit the journey.
/// </summary>
public static class EmailModel
{
    /// <summary>The variable that tells the renderer the e-mail's locale, time zone and currency.</summary>
    public const string EmailVariable = "email";

    public const string LocaleMember = "locale";

    public const string TimeZoneMember = "time_zone";

    public const string CurrencyMember = "currency";

    public static IReadOnlyDictionary<string, object?> Build(EmailModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var profile = input.Profile;
        var culture = input.Culture ?? EmailLanguages.For(profile.Locale, input.Shop.Locale)[0];
        var zone = SendPolicy.ZoneFor(profile.TimeZone, input.Shop.TimeZone);
        var currency = profile.Currency ?? input.Shop.Currency;
        string Link(string path) => Utm.Tag(ShopUrl(input.Shop, path), input.JourneyId, input.TemplateId).ToString();
        DateTimeOffset? Local(DateTimeOffset? instant) => instant is { } at ? LocalDates.InZone(at, zone) : null;
        string ProductLink(Tracking.TrackedLine line) =>
            line.Url is { } url ? Utm.Tag(url, input.JourneyId, input.TemplateId).ToString() : Link($"products/{Uri.EscapeDataString(line.ProductId)}");
        return new Dictionary<string, object?>
        {
            ["profile"] = new Dictionary<string, object?>
            {
                ["first_name"] = profile.FirstName,
                ["last_name"] = profile.LastName,
                ["full_name"] = profile.FullName,
                ["email"] = profile.Email,
                ["country_code"] = profile.CountryCode,
                ["locale"] = profile.Locale,
                ["order_count"] = profile.OrderCount,
                ["revenue"] = profile.Revenue,
                ["currency"] = profile.Currency,
                ["first_order_at"] = Local(profile.FirstOrderAt),
                ["last_order_at"] = Local(profile.LastOrderAt),
                ["days_since_last_order"] = profile.LastOrderAt is { } last ? (int)(input.Now - last).TotalDays : null,
                ["segment"] = profile.Segment.ToString(),
                ["tags"] = profile.Tags.Cast<object?>().ToList(),
            },
            ["salutation"] = PersonNames.Salutation(profile.FirstName, profile.LastName, culture),
            ["last_order"] = input.LastOrder is { } order ? new Dictionary<string, object?>
            {
                ["number"] = order.OrderNumber ?? order.OrderId,
                ["placed_at"] = Local(order.PlacedAt),
                ["total"] = order.Total,
                ["currency"] = order.Currency,
                ["items"] = order.Lines.Select(line => (object?)new Dictionary<string, object?>
                {
                    ["product_id"] = line.ProductId,
                    ["title"] = line.Title,
                    ["quantity"] = line.Quantity,
                    ["url"] = Link($"products/{Uri.EscapeDataString(line.ProductId)}"),
                }).ToList(),
            } : null,
            ["products"] = profile.Products.Take(10).Select(product => (object?)new Dictionary<string, object?>
            {
                ["product_id"] = product.ProductId,
                ["title"] = product.Title,
                ["quantity"] = product.Quantity,
                ["url"] = Link($"products/{Uri.EscapeDataString(product.ProductId)}"),
            }).ToList(),
            ["recommendations"] = input.Recommendations.Select(recommendation => (object?)new Dictionary<string, object?>
            {
                ["product_id"] = recommendation.ProductId,
                ["title"] = recommendation.Title,
                ["url"] = Link($"products/{Uri.EscapeDataString(recommendation.ProductId)}"),
            }).ToList(),
            ["cart"] = input.Behaviour.Cart is { } cart ? new Dictionary<string, object?>
            {
                ["items"] = cart.Lines.Select(line => (object?)new Dictionary<string, object?>
                {
                    ["product_id"] = line.ProductId,
                    ["title"] = line.Title ?? line.ProductId,
                    ["quantity"] = line.Quantity,
                    ["unit_price"] = line.UnitPrice,
                    ["image_url"] = line.ImageUrl?.ToString(),
                    ["url"] = ProductLink(line),
                }).ToList(),
                ["value"] = cart.EffectiveValue,
                ["currency"] = cart.Currency ?? currency,
                ["started_at"] = Local(cart.OccurredAt),
                ["url"] = Utm.Tag(cart.CheckoutUrl ?? ShopUrl(input.Shop, "cart"), input.JourneyId, input.TemplateId).ToString(),
            } : null,
            ["viewed"] = input.Behaviour.Viewed.Select(line => (object?)new Dictionary<string, object?>
            {
                ["product_id"] = line.ProductId,
                ["title"] = line.Title ?? line.ProductId,
                ["price"] = line.UnitPrice,
                ["image_url"] = line.ImageUrl?.ToString(),
                ["url"] = ProductLink(line),
            }).ToList(),
            ["coupon"] = input.Coupon is { } coupon ? new Dictionary<string, object?>
            {
                ["code"] = coupon.Code,
                ["percent_off"] = coupon.PercentOff,
                ["amount_off"] = coupon.AmountOff,
                ["discount"] = Discount(coupon, currency, culture),
                ["valid_until"] = Local(coupon.ValidUntil),
                ["url"] = Utm.Tag(new Uri(ShopUrl(input.Shop, $"discount/{Uri.EscapeDataString(coupon.Code)}").ToString()), input.JourneyId, input.TemplateId).ToString(),
            } : null,
            ["shop"] = new Dictionary<string, object?>
            {
                ["name"] = input.Shop.NameIn(culture.TwoLetterISOLanguageName),
                ["postal_address"] = input.Shop.PostalAddressIn(culture.TwoLetterISOLanguageName),
                ["contact_email"] = input.ContactEmail ?? input.Shop.ContactEmail,
                ["url"] = Link(string.Empty),
            },
            ["links"] = new Dictionary<string, object?> { ["shop"] = Link(string.Empty) },
            ["unsubscribe_url"] = input.UnsubscribeUrl.ToString(),
            ["survey"] = input.Survey is { } survey ? new Dictionary<string, object?>
            {
                ["question"] = survey.Kind == Journeys.Definition.SurveyKind.Nps ? "nps" : "choice",
                ["follow_up"] = survey.FollowUp,
                ["answers"] = survey.Answers.Select(answer => (object?)new Dictionary<string, object?>
                {
                    ["value"] = answer.Value,
                    ["url"] = answer.Url.ToString(),
                }).ToList(),
            } : null,
            ["journey"] = new Dictionary<string, object?>
            {
                ["id"] = input.JourneyId,
                ["version"] = input.JourneyVersion,
                ["template"] = input.TemplateId,
            },
            [EmailVariable] = new Dictionary<string, object?>
            {
                ["language"] = culture.TwoLetterISOLanguageName,
                [LocaleMember] = culture.Name,
                [TimeZoneMember] = zone,
                [CurrencyMember] = currency,
            },
        };
    }

    /// <summary>A model with every variable set: templates are validated against it.</summary>
    public static IReadOnlyDictionary<string, object?> Sample()
    {
        var placed = new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.Zero);
        var profile = CustomerProfile.Empty(CustomerKey.Parse("5a3c1e0f9b7d4c2a8e6f1b3d5c7a9e0f")) with
        {
            Email = "sample@example.com",
            FirstName = "Sam",
            LastName = "Sample",
            CountryCode = "US",
            Locale = "en-US",
            TimeZone = "America/New_York",
            OrderCount = 3,
            Revenue = 9800m,
            Currency = "JPY",
            FirstOrderAt = placed.AddDays(-90),
            LastOrderAt = placed,
            Products = [new ProductPurchase("beans", "Beans", 3, placed)],
            Tags = ["sample"],
        };
        var order = new OrderRecord
        {
            Source = OrderSource.Generic,
            OrderId = "1001",
            OrderNumber = "#1001",
            Status = OrderStatus.Paid,
            PlacedAt = placed,
            UpdatedAt = placed,
            Currency = "JPY",
            Total = 3200m,
            Lines = [new OrderLine { ProductId = "beans", Title = "Beans", Quantity = 1, UnitPrice = 3200m }],
        };
        return Build(new EmailModelInput(
            profile,
            order,
            [new Recommendation("filters", "Paper Filters", 12)],
            new CreateCoupon("sample:coupon:1", "BACK-SAMPLE", 15m, null, placed.AddDays(14)),
            new ShopOptions { Name = "Sample Shop", PostalAddress = "1-2-3 Sample, Tokyo", ContactEmail = "help@shop.example.com", Locale = "ja-JP", Currency = "JPY", WebsiteUrl = new Uri("https://shop.example.com") },
            new Uri("https://crm.example.com/unsubscribe?token=sample"),
            "sample-journey",
            1,
            "sample-template",
            placed.AddDays(30))
        {
            Behaviour = new Tracking.BehaviourView(
                new Tracking.TrackedEvent
                {
                    EventId = "sample-checkout",
                    Type = Tracking.TrackedEventType.CheckoutStarted,
                    OccurredAt = placed.AddDays(29),
                    Currency = "JPY",
                    Lines = [new Tracking.TrackedLine { ProductId = "grinder", Title = "Hand Grinder", Quantity = 1, UnitPrice = 8800m }],
                    CheckoutUrl = new Uri("https://shop.example.com/checkouts/sample/recover"),
                },
                [new Tracking.TrackedLine { ProductId = "kettle", Title = "Pour-over Kettle", UnitPrice = 6400m }]),
            Survey = new Surveys.SurveyEmail(
                Journeys.Definition.SurveyKind.Nps,
                true,
                [.. Enumerable.Range(0, 11).Select(score => (score.ToString(CultureInfo.InvariantCulture), new Uri($"https://crm.example.com/survey?token=sample-{score}")))]),
        });
    }

    /// <summary>What the coupon takes off, as the reader writes it: 15% or ¥500.</summary>
    private static string? Discount(CreateCoupon coupon, string? currency, CultureInfo culture) =>
        coupon.PercentOff is { } percent ? string.Create(culture, $"{percent:0.##}%")
        : coupon.AmountOff is { } amount ? Money.Format(amount, currency, culture)
        : null;

    private static Uri ShopUrl(ShopOptions shop, string path)
    {
        var root = (shop.WebsiteUrl ?? new Uri("https://shop.invalid/")).AbsoluteUri;
        return new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), path);
    }
}
