namespace EcCrm.Core.Journeys.Decider;

/// <summary>
/// The enrollment begins: its id and group come from entry evaluation, the profile from the store, and
/// <see cref="At"/> is when entry was decided (the sweep's or the order's moment, not when a runtime got to the input),
/// so an order placed in between counts as placed after entry.
/// </summary>
public sealed record Started(string EnrollmentId, EnrollmentGroup Group, JourneyProfile Profile, DateTimeOffset? At = null) : JourneyInput
{
    /// <summary>
    /// What the event the customer entered on was worth (an abandoned checkout's total, a cart's value), recorded with the
    /// entry so the report can set recovered revenue against what was left behind; <c>null</c> for other entries.
    /// </summary>
    public decimal? EntryValue { get; init; }
}
