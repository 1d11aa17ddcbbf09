using EcCrm.Core.Json;

namespace EcCrm.Core.Tracking;

/// <summary>A checkout webhook read: the event, the mistakes found with their paths, or why there is nothing to act on.</summary>
public sealed record CheckoutMapping(TrackedEvent? Event, IReadOnlyList<PayloadError> Errors, string? Ignored);
