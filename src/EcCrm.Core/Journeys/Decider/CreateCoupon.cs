namespace EcCrm.Core.Journeys.Decider;

/// <summary>Create a single-use coupon with exactly this <see cref="Code"/> in the shop; the same key creates it once.</summary>
public sealed record CreateCoupon(string IdempotencyKey, string Code, decimal? PercentOff, decimal? AmountOff, DateTimeOffset ValidUntil) : JourneyEffect;
