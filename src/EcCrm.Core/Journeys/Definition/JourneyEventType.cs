namespace EcCrm.Core.Journeys.Definition;

/// <summary>Events a journey can wait for or ask about in a condition.</summary>
public enum JourneyEventType
{
    OrderPlaced,
    EmailDelivered,
    EmailOpened,
    EmailClicked,
    ProductViewed,
    AddedToCart,
    CheckoutStarted,
    Searched,

    /// <summary>The customer answered a survey step of the enrollment (or changed the answer).</summary>
    SurveyAnswered,
}
