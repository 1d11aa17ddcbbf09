namespace EcCrm.Core.Journeys.Definition;

/// <summary>A single-use coupon for this customer; the next e-mails can show its code.</summary>
public sealed record CreateCouponAction(decimal? PercentOff, decimal? AmountOff, int ValidDays, string Prefix) : JourneyAction;
