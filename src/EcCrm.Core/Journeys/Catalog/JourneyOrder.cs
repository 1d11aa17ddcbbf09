using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Catalog;

/// <summary>
/// The order in which runs that look at many journeys at once (the sweep, scheduled runs, the simulator) take them:
/// by send priority (1 first), then by id, so a customer due for two journeys at one moment meets the more important first.
/// </summary>
public static class JourneyOrder
{
    public static IReadOnlyList<PublishedJourney> Sort(IEnumerable<PublishedJourney> journeys) =>
        [.. journeys.OrderBy(journey => journey.Definition.SendPolicy.Priority).ThenBy(journey => journey.Definition.Id, StringComparer.Ordinal)];

    public static IReadOnlyList<JourneyDefinition> Sort(IEnumerable<JourneyDefinition> journeys) =>
        [.. journeys.OrderBy(journey => journey.SendPolicy.Priority).ThenBy(journey => journey.Id, StringComparer.Ordinal)];
}
