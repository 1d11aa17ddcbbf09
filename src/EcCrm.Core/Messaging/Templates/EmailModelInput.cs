using System.Globalization;
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
    DateTimeOffset Now)
{
    /// <summary>
    /// The language and formats of the e-mail: the culture of the template chosen for the customer. Default: the
    /// customer's locale, else the shop's (<see cref="Localization.EmailLanguages"/>).
    /// </summary>
    public CultureInfo? Culture { get; init; }

    /// <summary>Where customers write with questions; default: <see cref="ShopOptions.ContactEmail"/>.</summary>
    public string? ContactEmail { get; init; }

    /// <summary>The cart the customer left and the products they looked at (<c>cart</c>, <c>viewed</c>).</summary>
    public Tracking.BehaviourView Behaviour { get; init; } = Tracking.BehaviourView.Empty;

    /// <summary>A survey step's question and answer links (<c>survey</c>); <c>null</c> for every other e-mail.</summary>
    public Surveys.SurveyEmail? Survey { get; init; }
}
