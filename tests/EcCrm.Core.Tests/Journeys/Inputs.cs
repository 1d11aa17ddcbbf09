using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Sending;
using EcCrm.Core.Segments;

namespace EcCrm.Core.Tests.Journeys;

/// <summary>Inputs for <see cref="DeciderSpec"/>, as a runtime would build them.</summary>
internal static class Inputs
{
    public const string EnrollmentId = "test-journey:0123456789abcdef0123456789abcdef:1";

    public static JourneyProfile Profile(string zone = "Europe/Berlin") => new()
    {
        TimeZone = zone,
        OrderCount = 2,
        Revenue = 80m,
        FirstOrderAt = new DateTimeOffset(2025, 11, 1, 12, 0, 0, TimeSpan.Zero),
        LastOrderAt = new DateTimeOffset(2025, 12, 1, 12, 0, 0, TimeSpan.Zero),
        AverageDaysBetweenOrders = 30,
        Segment = RfmSegment.AtRisk,
        CountryCode = "DE",
    };

    public static Func<EnrollmentState, JourneyInput> Start(JourneyProfile? profile = null, EnrollmentGroup group = EnrollmentGroup.Treatment, string enrollmentId = EnrollmentId) =>
        _ => new Started(enrollmentId, group, profile ?? Profile());

    public static Func<EnrollmentState, JourneyInput> TimerFires { get; } = state => new TimerFired(state.TimerToken ?? "none");

    public static Func<EnrollmentState, JourneyInput> Timer(string token) => _ => new TimerFired(token);

    public static Func<EnrollmentState, JourneyInput> SendSucceeds(DateTimeOffset at) => state => new EffectCompleted(state.SendKey!, new Sent(at));

    public static Func<EnrollmentState, JourneyInput> SendDeferred(DateTimeOffset until, DeferReason reason = DeferReason.QuietHours) =>
        state => new EffectCompleted(state.SendKey!, new Deferred(until, reason));

    public static Func<EnrollmentState, JourneyInput> SendBlocked(BlockReason reason = BlockReason.NoConsent) =>
        state => new EffectCompleted(state.SendKey!, new Blocked(reason));

    public static Func<EnrollmentState, JourneyInput> Order(string id, DateTimeOffset at, decimal value = 50m, params string[] categories) =>
        _ => new OrderPlaced(id, at, value, ["product-1"], categories);

    /// <summary>An e-mail event on the latest send of <paramref name="template"/>.</summary>
    public static Func<EnrollmentState, JourneyInput> Email(EmailEventKind kind, string template, DateTimeOffset at) =>
        state => new EmailEvent(kind, state.Facts.Last(fact => fact.Type == JourneyFactType.Sent && fact.Template == template).Ref, template, at);

    public static Func<EnrollmentState, JourneyInput> Is(JourneyInput input) => _ => input;
}
