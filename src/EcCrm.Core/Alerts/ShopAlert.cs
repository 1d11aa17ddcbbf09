using EcCrm.Core.Profiles;

namespace EcCrm.Core.Alerts;

/// <summary>
/// What the shop is told when a journey alerts it: which run, which customer, and the survey answer (and comment) that
/// led there. <see cref="AlertId"/> is the action's idempotency key: a delivery repeated (at least once) carries the same id.
/// </summary>
public sealed record ShopAlert
{
    public required string AlertId { get; init; }

    public required string JourneyId { get; init; }

    public required string EnrollmentId { get; init; }

    public required CustomerKey Customer { get; init; }

    public string? Email { get; init; }

    public string? Name { get; init; }

    public string? Survey { get; init; }

    public string? Answer { get; init; }

    public string? Comment { get; init; }

    public required DateTimeOffset At { get; init; }
}
