using System.Text.Json;
using EcCrm.Core.Tracking;

namespace EcCrm.Core.Journeys.Definition;

/// <summary>How the journey language names events, and which of them are the shop's tracked events.</summary>
public static class JourneyEventTypes
{
    /// <summary>The journey event a tracked event is.</summary>
    public static JourneyEventType Of(TrackedEventType type) => type switch
    {
        TrackedEventType.ProductViewed => JourneyEventType.ProductViewed,
        TrackedEventType.AddedToCart => JourneyEventType.AddedToCart,
        TrackedEventType.CheckoutStarted => JourneyEventType.CheckoutStarted,
        _ => JourneyEventType.Searched,
    };

    public static bool IsTracked(JourneyEventType type) =>
        type is JourneyEventType.ProductViewed or JourneyEventType.AddedToCart or JourneyEventType.CheckoutStarted or JourneyEventType.Searched;

    public static bool IsEmail(JourneyEventType type) =>
        type is JourneyEventType.EmailDelivered or JourneyEventType.EmailOpened or JourneyEventType.EmailClicked;

    /// <summary>The name a journey file uses: <c>orderPlaced</c>, <c>emailOpened</c>, <c>checkoutStarted</c> ….</summary>
    public static string Name(JourneyEventType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    /// <summary>The name a journey file uses for a tracked event: <c>checkoutStarted</c> ….</summary>
    public static string Name(TrackedEventType type) => Name(Of(type));

    /// <summary>
    /// Whether the journey asks about <paramref name="type"/> after entry: a <c>waitFor</c> branch or a <c>performed</c>
    /// condition of a split. Tracked events nothing asks about are not kept in the enrollment's facts, which stay few.
    /// </summary>
    public static bool Asks(JourneyDefinition journey, JourneyEventType type)
    {
        ArgumentNullException.ThrowIfNull(journey);
        return journey.Nodes.Any(node => node switch
        {
            WaitForNode wait => wait.Branches.Any(branch => branch.Event == type),
            SplitNode split => split.Branches.Any(branch => Mentions(branch.When, type)),
            _ => false,
        });
    }

    private static bool Mentions(Condition condition, JourneyEventType type) => condition switch
    {
        AllCondition all => all.Conditions.Any(part => Mentions(part, type)),
        AnyCondition any => any.Conditions.Any(part => Mentions(part, type)),
        NotCondition not => Mentions(not.Condition, type),
        PerformedCondition performed => performed.Event == type,
        SurveyCondition => type == JourneyEventType.SurveyAnswered,
        _ => false,
    };
}
