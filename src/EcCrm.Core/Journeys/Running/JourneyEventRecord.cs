using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// One analytics fact about an enrollment (entered, sent, branch taken, converted, exited …). <see cref="Key"/> is
/// deterministic, so a replayed input writes the same row and nothing is counted twice.
/// </summary>
public sealed record JourneyEventRecord(
    string JourneyId,
    int Version,
    string EnrollmentId,
    CustomerKey Customer,
    EnrollmentGroup Group,
    string Key,
    JourneyEventKind Kind,
    string? NodeId,
    string? Detail,
    DateTimeOffset At)
{
    public string? OrderId { get; init; }

    public decimal? Revenue { get; init; }

    /// <summary>On an entry by an event, what the event was worth (an abandoned checkout's total).</summary>
    public decimal? Value { get; init; }
}
