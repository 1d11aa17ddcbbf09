namespace EcCrm.Core.Journeys.Decider;

public enum JourneyFactType
{
    Order,
    Sent,
    Delivered,
    Opened,
    Clicked,
    Bounced,
    Unsubscribed,
    ProductViewed,
    AddedToCart,
    CheckoutStarted,
    Searched,
    SurveyAnswered,
}
