using EcCrm.Core.Tracking;

namespace EcCrm.Core.Journeys.Decider;

/// <summary>
/// The customer did something in the shop (viewed a product, added to the cart, started a checkout, searched). A second
/// copy of the same event id, or an event from before entry, changes nothing.
/// </summary>
public sealed record EventTracked(string EventId, TrackedEventType Type, DateTimeOffset At, decimal? Value, IReadOnlyList<string> ProductIds) : JourneyInput
{
    public static EventTracked From(TrackedEvent tracked)
    {
        ArgumentNullException.ThrowIfNull(tracked);
        return new EventTracked(
            tracked.EventId,
            tracked.Type,
            tracked.OccurredAt,
            tracked.EffectiveValue,
            [.. tracked.Lines.Select(line => line.ProductId).Distinct(StringComparer.Ordinal)]);
    }
}
