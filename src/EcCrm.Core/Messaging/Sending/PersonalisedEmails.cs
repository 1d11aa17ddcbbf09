using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Messaging.Templates;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Messaging.Sending;

/// <summary>
/// Renders a template for one customer: their profile, last order, recommendations and coupon. The last order comes
/// with the profile and the coupon with the <see cref="Recipient"/>; the orders and the coupon list are read only for
/// data kept before they were (a profile not projected since, a coupon issued before coupons were kept with the customer).
/// </summary>
public sealed class PersonalisedEmails(
    IOrderStore orders,
    TemplateCatalog templates,
    IProductAffinities affinities,
    ICouponIssuer coupons,
    IOptions<ShopOptions> shop)
{
    /// <exception cref="InvalidOperationException">The template does not exist or does not render.</exception>
    public async Task<RenderedEmail> RenderAsync(
        CustomerProfile profile, string templateId, string? journeyId, int? journeyVersion, string? couponCode, Uri unsubscribeUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var coupon = couponCode is null ? null : await coupons.FindAsync(couponCode, cancellationToken).ConfigureAwait(false);
        return await RenderAsync(profile, coupon, templateId, journeyId, journeyVersion, unsubscribeUrl, now, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="InvalidOperationException">The template does not exist or does not render.</exception>
    public async Task<RenderedEmail> RenderAsync(
        Recipient recipient, string templateId, string? journeyId, int? journeyVersion, string? couponCode, Uri unsubscribeUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var coupon = recipient.Coupon is { } kept && kept.Code == couponCode ? kept
            : couponCode is null ? null
            : await coupons.FindAsync(couponCode, cancellationToken).ConfigureAwait(false);
        return await RenderAsync(recipient.Profile, coupon, templateId, journeyId, journeyVersion, unsubscribeUrl, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RenderedEmail> RenderAsync(
        CustomerProfile profile, CreateCoupon? coupon, string templateId, string? journeyId, int? journeyVersion, Uri unsubscribeUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lastOrder = profile.LastOrder ?? (profile.OrderCount > 0 ? await LastOrderAsync(profile.Key, cancellationToken).ConfigureAwait(false) : null);
        var owned = profile.Products.Select(product => product.ProductId).ToHashSet(StringComparer.Ordinal);
        var recommendations = CoPurchase.For(owned, await affinities.ForProductsAsync(owned, cancellationToken).ConfigureAwait(false));
        var model = EmailModel.Build(new EmailModelInput(profile, lastOrder, recommendations, coupon, shop.Value, unsubscribeUrl, journeyId, journeyVersion, templateId, now));
        return await templates.RenderAsync(templateId, model, cancellationToken).ConfigureAwait(false);
    }

    private async Task<OrderRecord?> LastOrderAsync(CustomerKey customer, CancellationToken cancellationToken) =>
        (await orders.ListByCustomerAsync(customer, cancellationToken).ConfigureAwait(false))
            .Where(order => order.CountsAsPurchase)
            .MaxBy(order => order.PlacedAt);
}
