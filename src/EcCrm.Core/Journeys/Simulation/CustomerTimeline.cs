using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Journeys.Simulation;

/// <summary>
/// One customer's story for the simulator: who they are, their orders (before and during the simulated period), how
/// they react to e-mail, the other journeys' e-mail they get, and the period to simulate.
/// </summary>
public sealed record CustomerTimeline
{
    /// <summary>The customer before any order: contact, time zone, consent, tags and attributes.</summary>
    public required CustomerProfile Customer { get; init; }

    public IReadOnlyList<OrderRecord> Orders { get; init; } = [];

    public IReadOnlyList<TimelineEmailEvent> EmailEvents { get; init; } = [];

    /// <summary>Marketing e-mail other journeys send this customer (counts toward the frequency cap).</summary>
    public IReadOnlyList<DateTimeOffset> OtherSends { get; init; } = [];

    /// <summary>The address is suppressed (bounced or reported spam).</summary>
    public bool Suppressed { get; init; }

    public string ShopTimeZone { get; init; } = "UTC";

    public required DateTimeOffset From { get; init; }

    public int Days { get; init; } = 90;

    public DateTimeOffset Until => From.AddDays(Days);
}
