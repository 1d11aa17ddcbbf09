using System.Text.Json.Serialization;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Tracking;

/// <summary>
/// One thing a customer or visitor did, in EcCrm's own shape whatever sent it (the track API, Shopify's checkout
/// webhooks). <see cref="EventId"/> is the sender's id and makes a repeated delivery recognisable. A visitor is known by
/// <see cref="AnonymousId"/> until an event names their <see cref="Email"/>; from then on their anonymous events belong to
/// the customer.
/// </summary>
public sealed record TrackedEvent
{
    public required string EventId { get; init; }

    public required TrackedEventType Type { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public string? Email { get; init; }

    public string? AnonymousId { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    /// <summary>Marketing consent given with the event (at checkout); <c>null</c> when the event does not say.</summary>
    public bool? AcceptsMarketing { get; init; }

    public IReadOnlyList<TrackedLine> Lines { get; init; } = [];

    /// <summary>The cart's or checkout's total; for a single product, its price times quantity when not given.</summary>
    public decimal? Value { get; init; }

    public string? Currency { get; init; }

    /// <summary>What was searched for (<see cref="TrackedEventType.Searched"/>).</summary>
    public string? Query { get; init; }

    /// <summary>Where the customer picks the checkout up again (Shopify's <c>abandoned_checkout_url</c>).</summary>
    public Uri? CheckoutUrl { get; init; }

    /// <summary>The value journeys compare with a trigger's <c>minValue</c>: the given value, else the sum of the lines.</summary>
    [JsonIgnore]
    public decimal? EffectiveValue => Value ?? (Lines.Any(line => line.UnitPrice is not null) ? Lines.Sum(line => (line.UnitPrice ?? 0) * line.Quantity) : null);
}
