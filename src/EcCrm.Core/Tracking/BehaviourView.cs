using EcCrm.Core.Profiles;

namespace EcCrm.Core.Tracking;

/// <summary>
/// What e-mails show of a customer's browsing: the cart they left (the latest checkout since their last order, else what
/// they added to the cart since then) and the products they looked at and have not bought since, newest first.
/// </summary>
public sealed record BehaviourView(TrackedEvent? Cart, IReadOnlyList<TrackedLine> Viewed)
{
    public const int MaxViewed = 6;

    public static BehaviourView Empty { get; } = new(null, []);

    public static BehaviourView From(CustomerProfile profile, IReadOnlyList<TrackedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(events);
        var since = profile.LastOrderAt ?? DateTimeOffset.MinValue;
        var recent = events.Where(e => e.OccurredAt > since).OrderBy(e => e.OccurredAt).ToList();
        var cart = recent.LastOrDefault(e => e.Type == TrackedEventType.CheckoutStarted && e.Lines.Count > 0);
        if (cart is null && recent.Where(e => e.Type == TrackedEventType.AddedToCart).ToList() is { Count: > 0 } added)
        {
            cart = added[^1] with
            {
                Lines = [.. added.SelectMany(e => e.Lines).GroupBy(line => line.ProductId, StringComparer.Ordinal)
                    .Select(group => group.Last() with { Quantity = group.Sum(line => line.Quantity) })],
                Value = null,
            };
        }

        var inCart = cart?.Lines.Select(line => line.ProductId).ToHashSet(StringComparer.Ordinal) ?? [];
        var bought = profile.Products.ToDictionary(product => product.ProductId, product => product.LastBoughtAt, StringComparer.Ordinal);
        var viewed = events.Where(e => e.Type == TrackedEventType.ProductViewed)
            .SelectMany(e => e.Lines.Select(line => (e.OccurredAt, Line: line)))
            .Where(view => !inCart.Contains(view.Line.ProductId) && !(bought.TryGetValue(view.Line.ProductId, out var at) && at >= view.OccurredAt))
            .OrderByDescending(view => view.OccurredAt)
            .DistinctBy(view => view.Line.ProductId, StringComparer.Ordinal)
            .Take(MaxViewed)
            .Select(view => view.Line)
            .ToList();
        return new BehaviourView(cart, viewed);
    }

    /// <summary>The products the customer showed interest in, carted first: what recommendations start from beside purchases.</summary>
    public IReadOnlyList<string> ProductIds =>
        [.. (Cart?.Lines ?? []).Concat(Viewed).Select(line => line.ProductId).Distinct(StringComparer.Ordinal)];
}
