namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// The customer did something at least <see cref="MinCount"/> times within the last <see cref="WithinDays"/> days, or since
/// entering the journey when <see cref="WithinDays"/> is not set. Orders before entry are known from the profile's last
/// order; e-mail events only since entry.
/// </summary>
public sealed record PerformedCondition(JourneyEventType Event, int? WithinDays, int MinCount) : Condition;
