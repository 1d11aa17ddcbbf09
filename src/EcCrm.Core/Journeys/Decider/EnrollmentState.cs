using System.Text.Json.Serialization;

namespace EcCrm.Core.Journeys.Decider;

/// <summary>
/// Everything the decider remembers about one enrollment. Small on purpose (it lives in a Table row and in Durable
/// history): where it is, what it waits for, how often each node was visited, the experiment arms, the profile facts
/// conditions need, and a bounded list of what happened since entry. Serialises with <see cref="Json.EcCrmJson.Options"/>.
/// </summary>
public sealed record EnrollmentState
{
    /// <summary>How many facts are kept; the oldest go first.</summary>
    public const int MaxFacts = 64;

    public static EnrollmentState NotStarted { get; } = new();

    public string EnrollmentId { get; init; } = string.Empty;

    public string JourneyId { get; init; } = string.Empty;

    public int Version { get; init; }

    public EnrollmentStatus Status { get; init; }

    public EnrollmentGroup Group { get; init; }

    public DateTimeOffset EnteredAt { get; init; }

    /// <summary>Inputs that changed something, counted; part of every analytics event key.</summary>
    public int Sequence { get; init; }

    /// <summary>The node being executed or waited in.</summary>
    public string? Node { get; init; }

    public DateTimeOffset? NodeEnteredAt { get; init; }

    public WaitKind Wait { get; init; }

    /// <summary>The token of the one timer that counts; any other <see cref="TimerFired"/> is stale.</summary>
    public string? TimerToken { get; init; }

    public DateTimeOffset? TimerAt { get; init; }

    /// <summary>Timers asked for so far; the next token is <c>t{Timers + 1}</c>.</summary>
    public int Timers { get; init; }

    /// <summary>The idempotency key of the send waiting for its outcome or its retry.</summary>
    public string? SendKey { get; init; }

    /// <summary>Why the pending send waits to be tried again (quiet hours, the frequency cap, the e-mail provider).</summary>
    public Sending.DeferReason? SendDeferredFor { get; init; }

    public IReadOnlyDictionary<string, int> Visits { get; init; } = new Dictionary<string, int>();

    public IReadOnlyDictionary<string, string> Arms { get; init; } = new Dictionary<string, string>();

    public JourneyProfile? Profile { get; init; }

    public string? CouponCode { get; init; }

    public IReadOnlyList<JourneyFact> Facts { get; init; } = [];

    public string? ConvertedOrderId { get; init; }

    public decimal? ConvertedRevenue { get; init; }

    public ExitReason? ExitReason { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    [JsonIgnore]
    public bool HasEnded => Status is EnrollmentStatus.Exited or EnrollmentStatus.Completed;

    public bool HasFact(JourneyFactType type, string reference) =>
        Facts.Any(fact => fact.Type == type && string.Equals(fact.Ref, reference, StringComparison.Ordinal));

    public int VisitsOf(string nodeId) => Visits.TryGetValue(nodeId, out var count) ? count : 0;

    internal EnrollmentState WithFact(JourneyFact fact) => this with { Facts = FactsWith(fact) };

    /// <summary>The facts with one more, the oldest dropped beyond <see cref="MaxFacts"/>; for a copy that changes more than the facts.</summary>
    internal IReadOnlyList<JourneyFact> FactsWith(JourneyFact fact) =>
        Facts.Count < MaxFacts ? [.. Facts, fact] : [.. Facts.Skip(Facts.Count - MaxFacts + 1), fact];
}
