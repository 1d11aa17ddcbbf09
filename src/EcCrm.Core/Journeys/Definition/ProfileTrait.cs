namespace EcCrm.Core.Journeys.Definition;

/// <summary>Profile facts a condition can compare.</summary>
public enum ProfileTrait
{
    OrderCount,
    Revenue,
    AverageDaysBetweenOrders,
    DaysSinceLastOrder,
    DaysSinceFirstOrder,
    CountryCode,
    Locale,
    Tags,
    Categories,
    Attribute,
}
