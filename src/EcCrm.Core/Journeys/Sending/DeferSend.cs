namespace EcCrm.Core.Journeys.Sending;

/// <summary>Not now, but at <see cref="Until"/>: the first moment quiet hours and the frequency cap both allow it.</summary>
public sealed record DeferSend(DateTimeOffset Until, DeferReason Reason) : SendVerdict;
