using System.Globalization;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Entry;
using EcCrm.Core.Journeys.Sending;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Segments;
using EcCrm.Core.Shop;
using NodaTime;

namespace EcCrm.Core.Journeys.Simulation;

/// <summary>One simulation: a loop around the decider, like every other runtime, with a priority queue as its clock.</summary>
internal sealed class SimulationRun
{
    private readonly JourneyDefinition journey;
    private readonly CustomerTimeline timeline;
    private readonly string customerZoneId;
    private readonly DateTimeZone customerZone;
    private readonly List<SimulationEvent> events = [];
    private readonly List<SimulationEnrollment> enrollments = [];
    private readonly List<DateTimeOffset> marketingSends;
    private readonly PriorityQueue<Pending, (DateTimeOffset At, int Rank, int Seq)> queue = new();
    private readonly Dictionary<string, string> latestKeyByTemplate = new(StringComparer.Ordinal);
    private readonly HashSet<string> usedOrders = new(StringComparer.Ordinal);
    private int sequence;
    private int decisions;
    private (int Orders, CustomerProfile Profile)? projected;
    private EnrollmentState state = EnrollmentState.NotStarted;
    private int emailsSent;
    private string? latestKey;

    public SimulationRun(JourneyDefinition journey, CustomerTimeline timeline)
    {
        this.journey = journey;
        this.timeline = timeline;
        customerZoneId = SendPolicy.ZoneFor(timeline.Customer.TimeZone, timeline.ShopTimeZone);
        customerZone = TimeZones.Get(customerZoneId);
        marketingSends = [.. timeline.OtherSends];
    }

    public SimulationResult Execute()
    {
        var prior = PriorEnrollments.None;
        var cursor = timeline.From;
        string? notEntered = null;
        while (enrollments.Count < JourneySimulator.MaxEnrollments)
        {
            var (entry, skipped) = FindEntry(cursor, prior);
            if (entry is null)
            {
                notEntered = enrollments.Count == 0 ? skipped ?? "no entry check fell in the simulated period" : null;
                break;
            }

            var ended = RunEnrollment(entry.Value.At, entry.Value.Enter, entry.Value.Why);
            if (ended is null)
            {
                break;
            }

            prior = new PriorEnrollments(prior.Count + 1, entry.Value.At, ended, false);
            cursor = ended.Value;
        }

        return new SimulationResult(journey.Id, journey.Version, customerZoneId, timeline.From, timeline.Until, events, enrollments, notEntered, decisions);
    }

    private ((DateTimeOffset At, EnterJourney Enter, string Why)? Entry, string? Skipped) FindEntry(DateTimeOffset after, PriorEnrollments prior)
    {
        // Re-entry rules hold a customer back until a known moment (a cooldown) or for good: the checks before it are
        // skipped without asking, as they would only say so. (The reason of a skip is shown only before a first entry.)
        if (EntryEvaluation.EarliestEntry(journey.Entry.Reentry, prior) is not { } earliest || earliest > timeline.Until)
        {
            return (null, null);
        }

        string? skipped = null;
        foreach (var (at, order) in EntryChecks(after, earliest))
        {
            var profile = ProfileAt(at);
            var input = order is null ? null : ToInput(order);
            switch (EntryEvaluation.Evaluate(journey, profile, prior, at, timeline.ShopTimeZone, input))
            {
                case EnterJourney enter:
                    if (order is not null)
                    {
                        usedOrders.Add(order.OrderId);
                    }

                    return ((at, enter, Why(profile, order, at)), null);
                case SkipEntry skip:
                    skipped = skip.Reason;
                    break;
            }
        }

        return (null, skipped);
    }

    /// <summary>The moments entry is checked after <paramref name="after"/>, leaving out those before <paramref name="earliest"/>.</summary>
    private IEnumerable<(DateTimeOffset At, OrderRecord? Order)> EntryChecks(DateTimeOffset after, DateTimeOffset earliest)
    {
        switch (journey.Entry.Trigger)
        {
            case OrderPlacedTrigger:
                // The order that ends one enrollment may start the next, as it would in production.
                foreach (var order in timeline.Orders.Where(order => order.PlacedAt >= after && order.PlacedAt >= earliest && order.PlacedAt <= timeline.Until && order.CountsAsPurchase && !usedOrders.Contains(order.OrderId)))
                {
                    yield return (order.PlacedAt, order);
                }

                break;
            case ScheduleTrigger schedule:
                var next = after;
                for (var i = 0; i < 1000 && EntryEvaluation.NextScheduledRun(schedule, timeline.ShopTimeZone, next) is { } run && run <= timeline.Until; i++)
                {
                    if (run >= earliest)
                    {
                        yield return (run, null);
                    }

                    next = run;
                }

                break;
            default:
                // One sweep a day; they only grow later, so the first after the period ends the list.
                var shopZone = TimeZones.Get(timeline.ShopTimeZone);
                var date = Instant.FromDateTimeOffset(after > earliest ? after : earliest).InZone(shopZone).Date.PlusDays(-1);
                for (var day = 0; day <= timeline.Days + 2; day++)
                {
                    var sweep = date.PlusDays(day).At(new LocalTime(JourneySimulator.SweepHour, 0)).InZoneLeniently(shopZone).ToDateTimeOffset();
                    if (sweep > timeline.Until)
                    {
                        break;
                    }

                    if (sweep > after && sweep >= earliest)
                    {
                        yield return (sweep, null);
                    }
                }

                break;
        }
    }

    private DateTimeOffset? RunEnrollment(DateTimeOffset enteredAt, EnterJourney enter, string why)
    {
        queue.Clear();
        latestKeyByTemplate.Clear();
        latestKey = null;
        emailsSent = 0;
        state = EnrollmentState.NotStarted;
        foreach (var order in timeline.Orders.Where(order => order.PlacedAt > enteredAt && order.PlacedAt <= timeline.Until && order.CountsAsPurchase))
        {
            Enqueue(order.PlacedAt, 0, new Pending.Order(order));
        }

        foreach (var email in timeline.EmailEvents.Where(email => email.At is { } at && at > enteredAt && at <= timeline.Until))
        {
            Enqueue(email.At!.Value, 1, new Pending.Email(email, null));
        }

        if (journey.ExitsOn(ExitTrigger.LeftSegment))
        {
            var shopZone = TimeZones.Get(timeline.ShopTimeZone);
            var date = Instant.FromDateTimeOffset(enteredAt).InZone(shopZone).Date;
            for (var day = 1; day <= timeline.Days + 1; day++)
            {
                var sweep = date.PlusDays(day).At(new LocalTime(JourneySimulator.SweepHour, 0)).InZoneLeniently(shopZone).ToDateTimeOffset();
                if (sweep <= timeline.Until)
                {
                    Enqueue(sweep, 3, new Pending.Sweep());
                }
            }
        }

        var profile = JourneyProfile.From(ProfileAt(enteredAt), timeline.ShopTimeZone);
        Note(enteredAt, "entry", null, $"{(enter.Group == EnrollmentGroup.Holdout ? "holdout" : "treatment")}: {why}");
        Apply(new Started(enter.EnrollmentId, enter.Group, profile), enteredAt);
        while (!state.HasEnded && queue.TryDequeue(out var pending, out var when))
        {
            var now = when.At;
            switch (pending)
            {
                case Pending.Timer timer:
                    Apply(new TimerFired(timer.Token), now);
                    break;
                case Pending.Order order:
                    Note(now, "order", state.Node, string.Create(CultureInfo.InvariantCulture, $"order {order.Record.OrderId}, {order.Record.NetRevenue:0.00} {order.Record.Currency}"));
                    Apply(ToInput(order.Record), now);
                    break;
                case Pending.Email email:
                    var key = email.Key ?? (email.Event.Template is { } template ? latestKeyByTemplate.GetValueOrDefault(template) : latestKey);
                    if (key is null)
                    {
                        Note(now, "ignored", null, $"{Describe(email.Event.Kind)} of {email.Event.Template ?? "an e-mail"}, but no such e-mail was sent");
                        break;
                    }

                    var templateId = email.Event.Template ?? latestKeyByTemplate.First(pair => pair.Value == key).Key;
                    Note(now, Describe(email.Event.Kind), state.Node, templateId);
                    Apply(new EmailEvent(email.Event.Kind, key, templateId, now), now);
                    break;
                case Pending.Sweep:
                    var (_, segment) = RfmSegmentation.Classify(ProfileAt(now), now);
                    if (state.Profile is { } current && current.Segment != segment)
                    {
                        Note(now, "segment", state.Node, $"now {segment}");
                        Apply(new ProfileChanged(current with { Segment = segment }), now);
                    }

                    break;
            }
        }

        var outcome = state.Status switch
        {
            EnrollmentStatus.Exited => $"exited: {Explain(state.ExitReason)}",
            EnrollmentStatus.Completed => state.ConvertedOrderId is null ? "completed: walked the whole journey, no goal order" : "completed: converted",
            EnrollmentStatus.Measuring => "still listening for a goal order when the simulation ended",
            _ => $"still running when the simulation ended (at node {state.Node})",
        };
        enrollments.Add(new SimulationEnrollment(enter.EnrollmentId, enter.Group, enteredAt, state.EndedAt, outcome, emailsSent, state.ConvertedOrderId, state.ConvertedRevenue));
        return state.HasEnded ? state.EndedAt : null;
    }

    private void Apply(JourneyInput input, DateTimeOffset now)
    {
        var step = JourneyDecider.Decide(journey, state, input, now);
        decisions++;
        state = step.State;
        foreach (var effect in step.Effects)
        {
            switch (effect)
            {
                case SendEmail send:
                    var verdict = SendPolicy.Evaluate(journey.SendPolicy, customerZoneId, marketingSends, timeline.Suppressed, timeline.Customer.AcceptsMarketing, send.Transactional, now);
                    var outcome = SendOutcome.From(verdict, now);
                    if (outcome is Sent)
                    {
                        emailsSent++;
                        if (!send.Transactional)
                        {
                            marketingSends.Add(now);
                        }

                        latestKeyByTemplate[send.TemplateId] = send.IdempotencyKey;
                        latestKey = send.IdempotencyKey;
                        foreach (var reaction in timeline.EmailEvents.Where(e => e.After is not null && e.Template == send.TemplateId))
                        {
                            Enqueue(reaction.After!.Value.AddTo(now, customerZone), 1, new Pending.Email(reaction, send.IdempotencyKey));
                        }
                    }

                    Apply(new EffectCompleted(send.IdempotencyKey, outcome), now);
                    break;
                case WaitUntil wait:
                    if (wait.At <= timeline.Until)
                    {
                        Enqueue(wait.At, 2, new Pending.Timer(wait.Token));
                    }

                    Note(now, "wait", state.Node, $"{WaitingFor()} {Local(wait.At):yyyy-MM-dd HH:mm} local{(wait.At > timeline.Until ? " (after the simulated period)" : string.Empty)}");
                    break;
                case RecordJourneyEvent { Kind: JourneyEventKind.Entered or JourneyEventKind.EnteredHoldout }:
                    // The entry line, with its reason, is written before the enrollment starts.
                    break;
                case RecordJourneyEvent { Kind: >= JourneyEventKind.EmailDelivered }:
                    // The timeline's e-mail event is already a line of its own.
                    break;
                case RecordJourneyEvent record:
                    Note(now, Describe(record.Kind), record.NodeId, record.Detail ?? string.Empty);
                    break;
            }
        }
    }

    private string WaitingFor() => state.Wait switch
    {
        WaitKind.Event when state.Node is { } id && journey.Node(id) is WaitForNode wait =>
            $"for {string.Join(" or ", wait.Branches.Select(branch => branch.Template is null ? JourneyDecider.Words(branch.Event) : $"{JourneyDecider.Words(branch.Event)} on {branch.Template}"))}, at most until",
        WaitKind.SendRetry => "to send again at",
        WaitKind.Goal => "for a goal order until",
        _ => "until",
    };

    private void Enqueue(DateTimeOffset at, int rank, Pending pending) => queue.Enqueue(pending, (at, rank, sequence++));

    private void Note(DateTimeOffset at, string what, string? node, string detail) =>
        events.Add(new SimulationEvent(at.ToUniversalTime(), Local(at), enrollments.Count + 1, what, node, detail));

    private DateTimeOffset Local(DateTimeOffset at) => Instant.FromDateTimeOffset(at).InZone(customerZone).ToDateTimeOffset();

    private CustomerProfile ProfileAt(DateTimeOffset at)
    {
        var count = timeline.Orders.Count(order => order.PlacedAt <= at);
        if (projected is not { } cached || cached.Orders != count)
        {
            var profile = ProfileProjection.Project(timeline.Customer, [.. timeline.Orders.Take(count)], at);
            projected = cached = (count, profile with { Tags = timeline.Customer.Tags, Attributes = timeline.Customer.Attributes });
        }

        var (score, segment) = RfmSegmentation.Classify(cached.Profile, at);
        return cached.Profile with { Rfm = score, Segment = segment, SegmentedAt = at };
    }

    private string Why(CustomerProfile profile, OrderRecord? order, DateTimeOffset at) => journey.Entry.Trigger switch
    {
        InactivityTrigger when profile.LastOrderAt is { } last =>
            string.Create(CultureInfo.InvariantCulture, $"last order {Local(last):yyyy-MM-dd}, {(at - last).TotalDays:0} days before the daily sweep")
            + (profile.AverageDaysBetweenOrders is { } usual ? string.Create(CultureInfo.InvariantCulture, $" (usual interval {usual:0.#} days)") : string.Empty),
        OrderPlacedTrigger when order is not null => $"order {order.OrderId} (order {profile.OrderCount} of the customer)",
        SegmentTrigger => $"in segment {profile.Segment} at the daily sweep",
        ScheduleTrigger => $"scheduled run, segment {profile.Segment}",
        _ => "entry conditions hold",
    };

    private static OrderPlaced ToInput(OrderRecord order) => new(
        order.OrderId,
        order.PlacedAt,
        order.NetRevenue,
        [.. order.Lines.Select(line => line.ProductId)],
        [.. order.Lines.SelectMany(line => line.Categories).Distinct(StringComparer.OrdinalIgnoreCase)]);

    private static string Describe(EmailEventKind kind) => kind switch
    {
        EmailEventKind.Delivered => "delivered",
        EmailEventKind.Opened => "opened",
        EmailEventKind.Clicked => "clicked",
        EmailEventKind.Bounced => "bounced",
        _ => "unsubscribed",
    };

    private static string Describe(JourneyEventKind kind) => kind switch
    {
        JourneyEventKind.Entered => "entered",
        JourneyEventKind.EnteredHoldout => "holdout",
        JourneyEventKind.Sent => "sent",
        JourneyEventKind.SendDeferred => "deferred",
        JourneyEventKind.SendBlocked => "blocked",
        JourneyEventKind.BranchTaken => "branch",
        JourneyEventKind.ArmAssigned => "arm",
        JourneyEventKind.ActionTaken => "action",
        JourneyEventKind.Converted => "converted",
        JourneyEventKind.FlowFinished => "finished",
        JourneyEventKind.Exited => "exited",
        _ => "completed",
    };

    private static string Explain(ExitReason? reason) => reason switch
    {
        ExitReason.OrderPlaced => "ordered again",
        ExitReason.Unsubscribed => "unsubscribed",
        ExitReason.LeftSegment => "left the segment",
        ExitReason.Cancelled => "cancelled",
        ExitReason.DelayCannotEnd => "a delay waited for a date the profile does not know",
        ExitReason.LoopGuard => "stopped by the loop guard",
        _ => "the journey has no such node",
    };

    private abstract record Pending
    {
        public sealed record Timer(string Token) : Pending;

        public sealed record Order(OrderRecord Record) : Pending;

        public sealed record Email(TimelineEmailEvent Event, string? Key) : Pending;

        public sealed record Sweep : Pending;
    }
}
