using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;

namespace EcCrm.Core.Messaging.Templates;

/// <summary>What an e-mail is made from.</summary>
public sealed record EmailModelInput(
    CustomerProfile Profile,
    OrderRecord? LastOrder,
    IReadOnlyList<Recommendation> Recommendations,
    CreateCoupon? Coupon,
    ShopOptions Shop,
    Uri UnsubscribeUrl,
    string? JourneyId,
    int? JourneyVersion,
    string TemplateId,
    DateTimeOffset Now);
