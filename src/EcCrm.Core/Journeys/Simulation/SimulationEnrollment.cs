using EcCrm.Core.Journeys.Decider;

namespace EcCrm.Core.Journeys.Simulation;

/// <summary>How one simulated enrollment went. <see cref="Outcome"/> says why it left (or that it was still running at the end).</summary>
public sealed record SimulationEnrollment(
    string JourneyId,
    string EnrollmentId,
    EnrollmentGroup Group,
    DateTimeOffset EnteredAt,
    DateTimeOffset? EndedAt,
    string Outcome,
    int EmailsSent,
    string? ConvertedOrderId,
    decimal? ConvertedRevenue,
    string? ConvertedCurrency);
