using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using EcCrm.Core.Surveys;
using EcCrm.Core.Tracking;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Messaging.Sending;

/// <summary>
/// Renders a template for one customer: their profile, last order, recommendations and coupon, in their language
/// (else the shop's) and on their clock. The last order comes with the profile and the coupon with the
/// <see cref="Recipient"/>; the orders and the coupon list are read only for data kept before they were (a profile not
/// projected since, a coupon issued before coupons were kept with the customer).
/// </summary>
public sealed class PersonalisedEmails(
    IOrderStore orders,
    TemplateCatalog templates,
    IProductAffinities affinities,
    ICouponIssuer coupons,
    IOptions<ShopOptions> shop,
    IOptions<SenderOptions> sender,
    ICustomerEvents? events = null,
    IOptions<TrackingOptions>? tracking = null)
{
    private static readonly string[] BehaviourVariables = ["cart", "viewed"];

    /// <exception cref="InvalidOperationException">The template does not exist or does not render.</exception>
    public async Task<RenderedEmail> RenderAsync(
        CustomerProfile profile, string templateId, string? journeyId, int? journeyVersion, string? couponCode, Uri unsubscribeUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var coupon = couponCode is null ? null : await coupons.FindAsync(couponCode, cancellationToken).ConfigureAwait(false);
        return await RenderAsync(profile, templateId, journeyId, journeyVersion, coupon, unsubscribeUrl, now, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="InvalidOperationException">The template does not exist or does not render.</exception>
    public async Task<RenderedEmail> RenderAsync(
        Recipient recipient, string templateId, string? journeyId, int? journeyVersion, string? couponCode, Uri unsubscribeUrl, DateTimeOffset now, CancellationToken cancellationToken, SurveyEmail? survey = null)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var coupon = recipient.Coupon is { } kept && kept.Code == couponCode ? kept
            : couponCode is null ? null
            : await coupons.FindAsync(couponCode, cancellationToken).ConfigureAwait(false);
        return await RenderAsync(recipient.Profile, templateId, journeyId, journeyVersion, coupon, unsubscribeUrl, now, cancellationToken, survey).ConfigureAwait(false);
    }

    /// <summary>Renders with the coupon given, issued or not (previews give sample values for what a journey creates).</summary>
    /// <exception cref="InvalidOperationException">The template does not exist or does not render.</exception>
    public async Task<RenderedEmail> RenderAsync(
        CustomerProfile profile, string templateId, string? journeyId, int? journeyVersion, CreateCoupon? coupon, Uri unsubscribeUrl, DateTimeOffset now, CancellationToken cancellationToken, SurveyEmail? survey = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var lastOrder = profile.LastOrder ?? (profile.OrderCount > 0 ? await LastOrderAsync(profile.Key, cancellationToken).ConfigureAwait(false) : null);
        // The customer's events are read only for a template that shows them, so other e-mails cost no storage call more.
        var behaviour = events is not null && (await templates.VariablesAsync(templateId, cancellationToken).ConfigureAwait(false)).Overlaps(BehaviourVariables)
            ? BehaviourView.From(profile, await events.ListAsync(profile.Key, now.AddDays(-(tracking?.Value.RetentionDays ?? new TrackingOptions().RetentionDays)), cancellationToken).ConfigureAwait(false))
            : BehaviourView.Empty;

        // What the customer looked at or carted starts recommendations beside what they bought, and is not recommended back
        // to them: the e-mail shows it as such.
        var owned = profile.Products.Select(product => product.ProductId).Concat(behaviour.ProductIds).ToHashSet(StringComparer.Ordinal);
        var categories = profile.Products.SelectMany(product => product.Categories).Concat(profile.Categories).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var recommendations = CoPurchase.For(owned, categories, await affinities.ForProductsAsync(owned, cancellationToken).ConfigureAwait(false));
        var contact = shop.Value.ContactEmail ?? sender.Value.ReplyTo ?? sender.Value.FromAddress;
        var input = new EmailModelInput(profile, lastOrder, recommendations, coupon, shop.Value, unsubscribeUrl, journeyId, journeyVersion, templateId, now)
        {
            ContactEmail = contact,
            Behaviour = behaviour,
            Survey = survey,
        };
        var email = await templates.RenderAsync(templateId, input, cancellationToken).ConfigureAwait(false);

        // Validation refuses a layout without the sender's identity; one edited after publishing is caught here.
        var language = System.Globalization.CultureInfo.GetCultureInfo(email.Language ?? shop.Value.Locale).TwoLetterISOLanguageName;
        var missing = SenderIdentity.MissingFrom(email, shop.Value.NameIn(language), shop.Value.PostalAddressIn(language), contact, unsubscribeUrl);
        return missing.Count == 0 ? email
            : throw new InvalidOperationException($"Template {templateId} does not show {string.Join(", ", missing)}: every e-mail must show the shop's name, postal address, contact address and unsubscribe link; fix its layout.");
    }

    private async Task<OrderRecord?> LastOrderAsync(CustomerKey customer, CancellationToken cancellationToken) =>
        (await orders.ListByCustomerAsync(customer, cancellationToken).ConfigureAwait(false))
            .Where(order => order.CountsAsPurchase)
            .MaxBy(order => order.PlacedAt);
}
