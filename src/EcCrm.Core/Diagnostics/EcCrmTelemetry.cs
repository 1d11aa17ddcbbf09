using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EcCrm.Core.Diagnostics;

/// <summary>
/// EcCrm's spans and measurements, on the BCL's <see cref="ActivitySource"/> and <see cref="Meter"/> so the core stays
/// free of any telemetry SDK: the hosts decide where they go (OpenTelemetry, Azure Monitor, nowhere). Tags stay minimal
/// and carry no personal data: a source, a journey and node id, an outcome or a reason, never an address or a name.
/// </summary>
public static class EcCrmTelemetry
{
    /// <summary>The name of both the <see cref="ActivitySource"/> and the <see cref="Meter"/>; hosts subscribe to it.</summary>
    public const string Name = "EcCrm";

    public const string OrderEnqueueSpan = "eccrm.orders.enqueue";
    public const string OrderIngestSpan = "eccrm.orders.ingest";
    public const string ProfileUpdateSpan = "eccrm.profile.update";
    public const string JourneyInputSpan = "eccrm.journey.input";
    public const string JourneySendSpan = "eccrm.journey.send";
    public const string JourneyStepSpan = "eccrm.journey.step";
    public const string EmailSendSpan = "eccrm.email.send";
    public const string ComplianceCarryOutSpan = "eccrm.compliance.carry_out";

    public const string OrdersIngestedInstrument = "eccrm.orders.ingested";
    public const string JourneyEntriesInstrument = "eccrm.journey.entries";
    public const string SendsInstrument = "eccrm.sends";
    public const string DeferredSendsInstrument = "eccrm.sends.deferred";
    public const string PoisonedInstrument = "eccrm.queue.poisoned";
    public const string QueueAgeInstrument = "eccrm.queue.age";

    public const string SourceTag = "eccrm.order.source";
    public const string JourneyTag = "eccrm.journey.id";
    public const string NodeTag = "eccrm.journey.node";
    public const string InputTag = "eccrm.journey.input";
    public const string OutcomeTag = "eccrm.outcome";
    public const string ComplianceTopicTag = "eccrm.compliance.topic";
    public const string ReasonTag = "eccrm.reason";
    public const string QueueTag = "eccrm.queue";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> OrdersIngested = Meter.CreateCounter<long>(OrdersIngestedInstrument, unit: "{order}", description: "Orders taken from the orders queue and stored");
    private static readonly Counter<long> JourneyEntries = Meter.CreateCounter<long>(JourneyEntriesInstrument, unit: "{enrollment}", description: "Customers entered into a journey (a new enrollment)");
    private static readonly Counter<long> Sends = Meter.CreateCounter<long>(SendsInstrument, unit: "{email}", description: "Journey e-mail send attempts, by outcome");
    private static readonly Counter<long> DeferredSends = Meter.CreateCounter<long>(DeferredSendsInstrument, unit: "{email}", description: "Journey e-mails put off for later, by reason");
    private static readonly Counter<long> Poisoned = Meter.CreateCounter<long>(PoisonedInstrument, unit: "{message}", description: "Queue messages moved to their poison queue");
    private static readonly Histogram<double> QueueAge = Meter.CreateHistogram<double>(QueueAgeInstrument, unit: "s", description: "How long a message waited in its queue before it was handled");

    /// <summary>An order was ingested; <paramref name="saved"/> says whether it was new, changed or already stored.</summary>
    public static void OrderIngested(string source, string saved) =>
        OrdersIngested.Add(1, new(SourceTag, source), new(OutcomeTag, saved));

    public static void JourneyEntered(string journeyId) => JourneyEntries.Add(1, new KeyValuePair<string, object?>(JourneyTag, journeyId));

    public static void SendFinished(string journeyId, string outcome, string? deferReason)
    {
        Sends.Add(1, new(JourneyTag, journeyId), new(OutcomeTag, outcome));
        if (deferReason is not null)
        {
            DeferredSends.Add(1, new(JourneyTag, journeyId), new(ReasonTag, deferReason));
        }
    }

    public static void MessagePoisoned(string queue) => Poisoned.Add(1, new KeyValuePair<string, object?>(QueueTag, queue));

    public static void MessageAge(string queue, TimeSpan age) =>
        QueueAge.Record(Math.Max(0, age.TotalSeconds), new KeyValuePair<string, object?>(QueueTag, queue));

    /// <summary>
    /// The W3C <c>traceparent</c> of the current span, for a message that carries the trace across a queue or a
    /// durable run; <c>null</c> when nothing is being traced.
    /// </summary>
    public static string? CurrentTraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// Starts a span whose parent is the <c>traceparent</c> a message carried (or the current span when it carried
    /// none or an unreadable one). <c>null</c> when nobody listens.
    /// </summary>
    public static Activity? StartFrom(string name, ActivityKind kind, string? traceParent)
    {
        if (traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent))
        {
            return Source.StartActivity(name, kind, parent);
        }

        return Source.StartActivity(name, kind);
    }
}
