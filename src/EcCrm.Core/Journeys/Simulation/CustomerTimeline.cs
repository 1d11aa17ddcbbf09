using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Simulation;

/// <summary>
/// One customer's story for the simulator: who they are, their orders (before and during the simulated period), how
/// they react to e-mail, the other e-mail they get, inputs delivered twice or late, and the period to simulate. The shop
/// (its time zone, currency and sweep schedule) is not part of it: see <see cref="SimulationSettings"/>.
/// </summary>
public sealed record CustomerTimeline
{
    private readonly DateTimeOffset? until;

    /// <summary>The customer before any order: contact, time zone, consent, tags and attributes.</summary>
    public required CustomerProfile Customer { get; init; }

    public IReadOnlyList<OrderRecord> Orders { get; init; } = [];

    public IReadOnlyList<TimelineEmailEvent> EmailEvents { get; init; } = [];

    /// <summary>How the customer answers survey e-mails, as the answer links reach the hosts.</summary>
    public IReadOnlyList<TimelineSurveyAnswer> SurveyAnswers { get; init; } = [];

    /// <summary>What the customer does in the shop (views, carts, checkouts, searches), oldest first.</summary>
    public IReadOnlyList<Tracking.TrackedEvent> Events { get; init; } = [];

    /// <summary>Marketing e-mail that journeys not simulated send this customer (counts toward the frequency cap).</summary>
    public IReadOnlyList<DateTimeOffset> OtherSends { get; init; } = [];

    /// <summary>The address is suppressed (bounced or reported spam).</summary>
    public bool Suppressed { get; init; }

    /// <summary>Suppressions of the address, each from its moment on (a backtest's, from the shop's suppression list).</summary>
    public IReadOnlyList<Suppression> Suppressions { get; init; } = [];

    public IReadOnlyList<TimelineInjection> Injections { get; init; } = [];

    /// <summary>When the simulation starts: as if the journeys were published then.</summary>
    public required DateTimeOffset From { get; init; }

    public int Days { get; init; } = 90;

    /// <summary>When the simulation ends: <see cref="Days"/> after <see cref="From"/>, unless set to another moment.</summary>
    public DateTimeOffset Until
    {
        get => until ?? From.AddDays(Days);
        init => until = value;
    }
}
