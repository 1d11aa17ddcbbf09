using EcCrm.Core.Tracking;

namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// The customer does something in the shop: views a product, adds to the cart, starts a checkout or searches; optionally
/// only with a value of at least <see cref="MinValue"/> (in the shop's currency) or about one of <see cref="ProductIds"/>.
/// </summary>
public sealed record EventTrigger(TrackedEventType Event, decimal? MinValue, IReadOnlyList<string> ProductIds) : EntryTrigger;
