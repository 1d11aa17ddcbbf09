namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// Until a date on the profile (such as the predicted next order) moved by <see cref="Offset"/>, optionally at a
/// customer-local <see cref="Time"/>. When the profile does not know the date, waits <see cref="Fallback"/>; without
/// a fallback such a delay cannot end and the enrollment exits.
/// </summary>
public sealed record DelayUntilProfileDate(ProfileDate Field, JourneyDuration Offset, TimeOnly? Time, JourneyDuration? Fallback) : DelaySpec;
