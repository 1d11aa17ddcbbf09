using System.Globalization;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Entry;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Sending;
using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Segments;
using EcCrm.Core.Tracking;
using NodaTime;

namespace EcCrm.Core.Journeys.Simulation;

/// <summary>
/// One simulation: the hosts' runtime with a priority queue for a clock and memory for storage. Entry checks come from
/// <see cref="EntrySchedule"/> and <see cref="EntryEvaluation"/> at the sweep's times, each schedule's times and each
/// order's arrival, as <see cref="EntrySweep"/>, <see cref="ScheduledEntries"/> and <see cref="OrderJourneyTriggers"/> make
/// them; each enrollment's inputs go through <see cref="JourneyInterpreter"/> with in-memory ports that apply
/// <see cref="SendPolicy"/> to one send history shared by every journey, as the hosts' durable runs do; a run then waits on
/// its state's timer raced with the next input, as the orchestrator does. Several journeys run side by side for the one
/// customer, and whatever happens to several of them at one moment happens in their priority order.
/// </summary>
internal sealed class SimulationRun : IJourneyEffectPorts
{
    // What happens first at one moment: an order's arrival, then e-mail reactions, then timers, then the sweep and schedules.
    private const int OrderRank = 0;
    private const int EmailRank = 1;
    private const int TimerRank = 2;
    private const int SweepRank = 3;

    private readonly CustomerTimeline timeline;
    private readonly SimulationSettings settings;
    private readonly EntrySchedule schedule;
    private readonly List<Lane> lanes;
    private readonly string customerZoneId;
    private readonly DateTimeZone customerZone;
    private readonly List<SimulationEvent> events = [];
    private readonly List<SimulationEnrollment> enrollments = [];
    private readonly List<DateTimeOffset> marketingSends;
    private readonly List<Suppression> suppressions = [];
    private readonly PriorityQueue<Pending, (DateTimeOffset At, int Rank, int Lane, int Seq)> queue = new();
    private readonly Dictionary<string, string> latestKeyByTemplate = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> templateOfKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> arrived = new(StringComparer.Ordinal);
    private readonly List<OrderRecord> arrivedOrders = [];
    private readonly Dictionary<string, JourneyDuration> lateOrders = new(StringComparer.Ordinal);
    private IReadOnlyList<string> tags;
    private IReadOnlyDictionary<string, string> attributes;
    private int profileVersion;
    private (int Version, CustomerProfile Profile)? projected;
    private (int Version, DateTimeOffset At, CustomerProfile Profile)? segmented;
    private string? latestKey;
    private int sequence;
    private int decisions;
    private Run? current;
    private DateTimeOffset now;

    public SimulationRun(IReadOnlyList<JourneyDefinition> journeys, CustomerTimeline timeline, SimulationSettings settings)
    {
        this.timeline = timeline;
        this.settings = settings;
        schedule = EntrySchedule.For(settings.Sweep, settings.ShopTimeZone);
        lanes = [.. JourneyOrder.Sort(journeys).Select((journey, index) => new Lane(journey, index, timeline.Injections))];
        customerZoneId = SendPolicy.ZoneFor(timeline.Customer.TimeZone, settings.ShopTimeZone);
        customerZone = Shop.TimeZones.Get(customerZoneId);
        marketingSends = [.. timeline.OtherSends];
        tags = timeline.Customer.Tags;
        attributes = timeline.Customer.Attributes;
        suppressions.AddRange(timeline.Suppressions);
        if (timeline.Suppressed)
        {
            suppressions.Add(new Suppression(SuppressionKind.Bounced, null, DateTimeOffset.MinValue, "suppressed in the timeline"));
        }

        foreach (var late in timeline.Injections.OfType<TimelineInjection.LateOrder>())
        {
            lateOrders[late.OrderId] = late.Late;
        }
    }

    public SimulationResult Execute()
    {
        var from = timeline.From;
        var until = timeline.Until;

        // The sweeps are the same for every customer of a backtest: they are read from one list beside the queue
        // rather than queued one by one, and come after whatever else happens at their moment but the schedules.
        var sweeps = lanes.Any(lane => lane.Journey.Entry.Trigger is InactivityTrigger or SegmentTrigger || lane.Journey.ExitsOn(ExitTrigger.LeftSegment))
            ? schedule.SweepTimes(from, until)
            : [];
        var nextSweep = 0;

        foreach (var lane in lanes)
        {
            if (lane.Journey.Entry.Trigger is ScheduleTrigger trigger)
            {
                foreach (var run in schedule.RunsBetween(trigger, from, until))
                {
                    Enqueue(run, SweepRank, lane.Index + 1, new Pending.ScheduledRun(lane));
                }
            }
        }

        foreach (var order in timeline.Orders)
        {
            var arrives = lateOrders.TryGetValue(order.OrderId, out var late) ? late.AddTo(order.PlacedAt, customerZone) : order.PlacedAt;
            if (arrives <= from)
            {
                Arrive(order); // history: part of the profile when the simulation starts
                continue;
            }

            if (arrives <= until)
            {
                var copies = timeline.Injections.OfType<TimelineInjection.OrderCopies>().FirstOrDefault(copy => copy.OrderId == order.OrderId)?.Copies ?? 1;
                for (var copy = 0; copy < copies; copy++)
                {
                    Enqueue(arrives, OrderRank, 0, new Pending.OrderArrival(order, copy > 0, arrives != order.PlacedAt));
                }
            }
        }

        foreach (var tracked in timeline.Events.Where(tracked => tracked.OccurredAt > from && tracked.OccurredAt <= until))
        {
            Enqueue(tracked.OccurredAt, OrderRank, 0, new Pending.Tracked(tracked));
        }

        foreach (var email in timeline.EmailEvents.Where(email => email.At is { } at && at > from && at <= until))
        {
            Enqueue(email.At!.Value, EmailRank, 0, new Pending.Email(email, null));
        }

        while (true)
        {
            var queued = queue.TryPeek(out var pending, out var when);
            if (nextSweep < sweeps.Count && (!queued || sweeps[nextSweep] < when.At || (sweeps[nextSweep] == when.At && when.Rank >= SweepRank)))
            {
                now = sweeps[nextSweep++];
                Sweep();
                continue;
            }

            if (!queued)
            {
                break;
            }

            queue.Dequeue();
            now = when.At;
            Handle(pending!);
        }

        foreach (var lane in lanes)
        {
            if (lane.Active is { } run)
            {
                Finish(run);
            }
        }

        var journeys = lanes.Select(lane => new SimulatedJourney(
            lane.Journey.Id, lane.Journey.Version, lane.Journey.Name, lane.Journey.SendPolicy.Priority, lane.Runs.Count == 0 ? lane.NotEntered() : null)).ToList();
        return new SimulationResult(journeys, customerZoneId, settings.ShopTimeZone, settings.Sweep.Schedule, from, until, events, enrollments, decisions);
    }

    /// <summary>Sends as a host's send activity does, in memory: the effects before it, then the send policy against the one history all journeys share.</summary>
    public Task<SendOutcome> SendAsync(JourneySendRequest request)
    {
        var run = current!;
        CarryOut(run, request.Before);
        decisions++; // the send's outcome is fed back to the decider
        var send = request.Send.Effect;
        var profile = ProfileAt(now);
        var blocked = suppressions.Any(suppression => suppression.At <= now && suppression.Blocks(send.Transactional, send.SubscriptionGroup));
        var verdict = SendPolicy.Evaluate(request.Send.Policy, customerZoneId, marketingSends, blocked, profile.AcceptsMarketing, send.Transactional, now);
        var outcome = SendOutcome.From(verdict, now);
        if (outcome is Sent)
        {
            run.EmailsSent++;
            if (!send.Transactional)
            {
                marketingSends.Add(now);
            }

            latestKeyByTemplate[send.TemplateId] = send.IdempotencyKey;
            templateOfKey[send.IdempotencyKey] = send.TemplateId;
            latestKey = send.IdempotencyKey;
            foreach (var reaction in timeline.EmailEvents.Where(reaction => reaction.After is not null && reaction.Template == send.TemplateId))
            {
                var at = reaction.After!.Value.AddTo(now, customerZone);
                if (at <= timeline.Until)
                {
                    Enqueue(at, EmailRank, 0, new Pending.Email(reaction, send.IdempotencyKey));
                }
            }

            foreach (var answer in timeline.SurveyAnswers.Where(answer => send.Survey is not null && answer.Survey == send.NodeId))
            {
                var at = answer.After.AddTo(now, customerZone);
                if (at <= timeline.Until)
                {
                    Enqueue(at, EmailRank, 0, new Pending.Answer(answer, run, send.IdempotencyKey, send.Survey!));
                }
            }
        }

        return Task.FromResult(outcome);
    }

    private void Handle(Pending pending)
    {
        switch (pending)
        {
            case Pending.ScheduledRun scheduled:
                var profile = ProfileAt(now);
                var trigger = (ScheduleTrigger)scheduled.Lane.Journey.Entry.Trigger;
                if (scheduled.Lane.CanEnter && Reentry(scheduled.Lane))
                {
                    TryEnter(scheduled.Lane, profile, null, "its scheduled run", $"scheduled run ({trigger.Cron}), segment {ConditionExplanation.Name(profile.Segment)}");
                }

                break;
            case Pending.OrderArrival order:
                OnOrder(order.Order, order.Copy, order.Late);
                break;
            case Pending.Tracked tracked:
                OnTracked(tracked.Event);
                break;
            case Pending.Email email:
                OnEmail(email.Event, email.Key);
                break;
            case Pending.Timer timer:
                OnTimer(timer);
                break;
            case Pending.Answer answer:
                OnSurveyAnswer(answer);
                break;
            case Pending.Input input:
                if (!input.Run.HasEnded)
                {
                    Deliver(input.Run, input.What);
                }

                break;
        }
    }

    /// <summary>The sweep, as <see cref="EntrySweep"/> runs it: per journey, in priority order, the entries it finds, then segment changes.</summary>
    private void Sweep()
    {
        foreach (var lane in lanes)
        {
            var journey = lane.Journey;
            if (journey.Entry.Trigger is InactivityTrigger or SegmentTrigger)
            {
                var scope = schedule.Scope(journey, now, lane.Checkpoint);
                lane.Checkpoint = scope.Checkpoint ?? lane.Checkpoint;
                // A running enrollment rules out another (EntryEvaluation.EarliestEntry): no need to ask on its days.
                if (lane.Active is null && lane.CanEnter && Reentry(lane))
                {
                    // Whom the sweep finds depends on the orders, not on the segment as of today: that is worked out
                    // only for those it finds.
                    if (schedule.Miss(journey, scope, Projected(), now) is { } notFound)
                    {
                        lane.Note(EntryStage.NotFound, notFound, now, "the sweep");
                    }
                    else
                    {
                        var profile = ProfileAt(now);
                        TryEnter(lane, profile, null, "the sweep", Why(journey, profile, null));
                    }
                }
            }

            if (journey.ExitsOn(ExitTrigger.LeftSegment) && lane.Active is { } run)
            {
                var changed = JourneyProfile.From(ProfileAt(now), settings.ShopTimeZone);
                if (ProfileChanges.Moved(run.Record.State.Profile, changed))
                {
                    Note(run.Lane, run.Number, "segment", run.Record.State.Node, $"now {ConditionExplanation.Name(changed.Segment)}");
                    Deliver(run, new ProfileChanged(changed));
                }
            }
        }
    }

    /// <summary>An order's webhook arrives, as <see cref="OrderJourneyTriggers"/> handles it after ingestion.</summary>
    private void OnOrder(OrderRecord order, bool copy, bool late)
    {
        var before = ProfileAt(now);
        if (!copy)
        {
            Arrive(order);
        }

        var after = ProfileAt(now);
        var detail = string.Create(CultureInfo.InvariantCulture, $"order {order.OrderId}, {order.NetRevenue:0.00} {order.Currency}")
            + (copy ? ", delivered again" : string.Empty)
            + (late ? string.Create(CultureInfo.InvariantCulture, $", placed {Local(order.PlacedAt):yyyy-MM-dd HH:mm} local and arriving only now") : string.Empty);
        NoteAll("order", detail);
        if (!order.CountsAsPurchase)
        {
            TellProfile(before, after);
            return;
        }

        var input = OrderJourneyTriggers.Input(order);
        foreach (var lane in lanes)
        {
            if (lane.Active is { } run)
            {
                Deliver(run, input, copy || late);
            }
        }

        TellProfile(before, after);
        if (now - order.PlacedAt > OrderJourneyTriggers.MaxEntryAge)
        {
            foreach (var lane in lanes.Where(lane => lane.Journey.Entry.Trigger is OrderPlacedTrigger))
            {
                lane.Note(EntryStage.Trigger, $"order {order.OrderId} arrived more than {OrderJourneyTriggers.MaxEntryAge.TotalDays:0} days after it was placed: history starts no journey", now, "the order");
            }

            return;
        }

        foreach (var lane in lanes.Where(lane => lane.Journey.Entry.Trigger is OrderPlacedTrigger && lane.CanEnter))
        {
            TryEnter(lane, after, input, $"order {order.OrderId}", Why(lane.Journey, after, order));
        }
    }

    /// <summary>A shop event of the customer's arrives, as <see cref="EventJourneyTriggers"/> handles it once it is stored.</summary>
    private void OnTracked(TrackedEvent tracked)
    {
        var name = JourneyEventTypes.Name(tracked.Type);
        var input = EventTracked.From(tracked);
        var about = tracked.Lines.Count > 0 ? $": {string.Join(", ", tracked.Lines.Select(line => line.Title ?? line.ProductId))}" : tracked.Query is { } query ? $": \"{query}\"" : string.Empty;
        var worth = input.Value is { } value ? string.Create(CultureInfo.InvariantCulture, $", worth {value:0.00}{(tracked.Currency is { } currency ? " " + currency : string.Empty)}") : string.Empty;
        NoteAll("event", $"{name} {tracked.EventId}{worth}{about}");
        foreach (var lane in lanes)
        {
            if (lane.Active is { } run)
            {
                Deliver(run, input);
            }
        }

        foreach (var lane in lanes.Where(lane => lane.Journey.Entry.Trigger is EventTrigger trigger && trigger.Event == tracked.Type && lane.CanEnter))
        {
            TryEnter(lane, ProfileAt(now), null, $"{name} {tracked.EventId}", $"{name} {tracked.EventId}{worth}", input);
        }
    }

    /// <summary>A reaction to an e-mail, as the provider's event reaches the hosts (<c>EmailEventIntake</c>, <c>Unsubscribes</c>).</summary>
    private void OnEmail(TimelineEmailEvent email, string? key)
    {
        key ??= email.Template is { } template ? latestKeyByTemplate.GetValueOrDefault(template) : latestKey;
        if (key is null || EnrollmentIds.FromIdempotencyKey(key) is not { } enrollmentId)
        {
            NoteAll("ignored", $"{Describe(email.Kind)} of {email.Template ?? "an e-mail"}, but no such e-mail was sent");
            return;
        }

        var templateId = templateOfKey[key];
        var run = lanes.SelectMany(lane => lane.Runs).First(run => run.Record.EnrollmentId == enrollmentId);
        Note(run.Lane, run.Number, Describe(email.Kind), run.Record.State.Node, templateId);
        switch (email.Kind)
        {
            case EmailEventKind.Bounced:
                suppressions.Add(new Suppression(SuppressionKind.Bounced, null, now, "bounced"));
                break;
            case EmailEventKind.Unsubscribed:
                suppressions.Add(new Suppression(SuppressionKind.Unsubscribed, null, now, "unsubscribed"));
                foreach (var lane in lanes)
                {
                    if (lane.Active is { } active)
                    {
                        Deliver(active, new Unsubscribed(null, now));
                    }
                }

                break;
        }

        if (!run.HasEnded)
        {
            Deliver(run, new EmailEvent(email.Kind, key, templateId, now));
        }
    }

    /// <summary>A click on a survey e-mail's answer link, as <c>SurveyResponses</c> tells the run that sent it.</summary>
    private void OnSurveyAnswer(Pending.Answer answer)
    {
        var (reaction, run) = (answer.Reaction, answer.Run);
        if (!answer.Question.Accepts(reaction.Answer))
        {
            Note(run.Lane, run.Number, "ignored", reaction.Survey, $"answer \"{reaction.Answer}\" is not one of {string.Join(", ", answer.Question.Answers)}: no such link");
            return;
        }

        Note(run.Lane, run.Number, "answered", reaction.Survey, answer.Question.Kind == SurveyKind.Nps
            ? $"{reaction.Answer} ({NpsGroups.Of(int.Parse(reaction.Answer, CultureInfo.InvariantCulture)).ToString().ToLowerInvariant()})"
            : reaction.Answer);
        if (!run.HasEnded)
        {
            Deliver(run, new SurveyAnswered(answer.Key, reaction.Survey, reaction.Answer, now));
        }
    }

    private void OnTimer(Pending.Timer timer)
    {
        var run = timer.Run;
        if (timer.Injected is { } injected)
        {
            Note(run.Lane, run.Number, injected, timer.Node, $"the timer of {timer.Node} delivered {(injected == "duplicate" ? "again" : "late")}");
            if (run.HasEnded)
            {
                Note(run.Lane, run.Number, "ignored", timer.Node, "the enrollment has ended: the input is dropped");
                return;
            }

            Deliver(run, new TimerFired(timer.Token), injected: true);
            return;
        }

        // A timer whose wait an input ended was cancelled, as the orchestrator cancels it.
        if (run.HasEnded || run.Record.State.TimerToken != timer.Token)
        {
            return;
        }

        Deliver(run, new TimerFired(timer.Token));
        foreach (var (_, injection) in run.Lane.TimerInjections.Where(pair => pair.Node == timer.Node))
        {
            switch (injection)
            {
                case TimelineInjection.TimerCopies copies:
                    for (var copy = 1; copy < copies.Copies; copy++)
                    {
                        Enqueue(now, TimerRank, run.Lane.Index, timer with { Injected = "duplicate" });
                    }

                    break;
                case TimelineInjection.LateTimer late when late.Late.AddTo(now, customerZone) is var at && at <= timeline.Until:
                    Enqueue(at, TimerRank, run.Lane.Index, timer with { Injected = "late" });
                    break;
            }
        }
    }

    /// <summary>Re-entry rules first, as <see cref="EntryEvaluation"/> checks them: moments they rule out cost nothing more.</summary>
    private bool Reentry(Lane lane)
    {
        var earliest = EntryEvaluation.EarliestEntry(lane.Journey.Entry.Reentry, lane.Prior);
        return earliest is { } first && first <= now;
    }

    private void TryEnter(Lane lane, CustomerProfile profile, OrderPlaced? order, string how, string why, EventTracked? tracked = null)
    {
        switch (EntryEvaluation.Evaluate(lane.Journey, profile, lane.Prior, now, settings.ShopTimeZone, order, tracked))
        {
            case EnterJourney enter:
                var record = new EnrollmentRecord
                {
                    EnrollmentId = enter.EnrollmentId,
                    Customer = profile.Key,
                    JourneyId = lane.Journey.Id,
                    Version = lane.Journey.Version,
                    Group = enter.Group,
                    CreatedAt = now,
                };
                var run = new Run(lane, record, lane.Runs.Count + 1);
                lane.Add(run);
                Note(lane, run.Number, "entry", null, $"{(enter.Group == EnrollmentGroup.Holdout ? "holdout" : "treatment")}: {why}");
                Deliver(run, new Started(enter.EnrollmentId, enter.Group, JourneyProfile.From(profile, settings.ShopTimeZone)) { EntryValue = tracked?.Value });
                break;
            case SkipEntry skip:
                lane.Note(skip.Stage, skip.Reason, now, how);
                break;
        }
    }

    /// <summary>One input to one run, as a generation of the orchestrator handles it: decide with the interpreter, save, wait on the state's timer.</summary>
    private void Deliver(Run run, JourneyInput input, bool injected = false)
    {
        var before = run.Record.State;
        current = run;
        decisions++;
        var interpreted = JourneyInterpreter.RunAsync(run.Lane.Journey, run.Record, input, () => now, this);
        var step = interpreted.IsCompletedSuccessfully
            ? interpreted.Result
            : throw new InvalidOperationException("The simulator's ports answer at once; the interpreter should have, too.", interpreted.Exception);
        if (injected && ReferenceEquals(step.State, before) && step.Effects.Count == 0)
        {
            Note(run.Lane, run.Number, "ignored", before.Node, WhyIgnored(input, before));
        }

        run.Record = run.Record with { State = step.State };
        CarryOut(run, step.Effects);
        var state = step.State;
        if (state.TimerToken is { } token && state.TimerAt is { } due && token != run.ArmedToken)
        {
            run.ArmedToken = token;
            if (due <= timeline.Until)
            {
                Enqueue(due, TimerRank, run.Lane.Index, new Pending.Timer(run, token, state.Node ?? string.Empty, null));
            }

            Note(run.Lane, run.Number, "wait", state.Node, string.Create(CultureInfo.InvariantCulture, $"{WaitingFor(run.Lane.Journey, state)} {Local(due):yyyy-MM-dd HH:mm} local{(due > timeline.Until ? " (after the simulated period)" : string.Empty)}"));
        }

        if (state.HasEnded)
        {
            Finish(run);
        }
    }

    /// <summary>The decider's other effects, as a host's activities carry them out, in memory; and the lines they make.</summary>
    private void CarryOut(Run run, IReadOnlyList<EnrollmentEffect> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect.Effect)
            {
                case RecordJourneyEvent { Kind: JourneyEventKind.Entered or JourneyEventKind.EnteredHoldout }:
                    break; // the entry line, with its reason, is written before the run starts
                case RecordJourneyEvent { Kind: >= JourneyEventKind.EmailDelivered }:
                    break; // the timeline's e-mail event is a line of its own
                case RecordJourneyEvent record:
                    Note(run.Lane, run.Number, Describe(record.Kind), record.NodeId, record.Detail ?? string.Empty);
                    break;
                case RecordConversion conversion:
                    run.ConvertedCurrency = arrivedOrders.FirstOrDefault(order => order.OrderId == conversion.OrderId)?.Currency;
                    break;
                case TagProfile tag when !tags.Contains(tag.Tag, StringComparer.Ordinal):
                    ChangeProfile(() => tags = [.. tags.TakeLast(ProfileActions.MaxTags - 1), tag.Tag]);
                    break;
                case UpdateProfile update when !(attributes.TryGetValue(update.Attribute, out var value) && value == update.Value):
                    ChangeProfile(() => attributes = new Dictionary<string, string>(attributes, StringComparer.Ordinal) { [update.Attribute] = update.Value });
                    break;
            }
        }
    }

    /// <summary>A journey action changed the profile: as <see cref="ProfileActions"/> does, the running enrollments hear of it through their queue.</summary>
    private void ChangeProfile(Action change)
    {
        var before = JourneyProfile.From(ProfileAt(now), settings.ShopTimeZone);
        change();
        profileVersion++;
        var after = JourneyProfile.From(ProfileAt(now), settings.ShopTimeZone);
        if (ProfileChanges.Moved(before, after))
        {
            foreach (var lane in lanes)
            {
                if (lane.Active is { } run)
                {
                    Enqueue(now, OrderRank, lane.Index, new Pending.Input(run, new ProfileChanged(after)));
                }
            }
        }
    }

    /// <summary>After an order, as <see cref="ProfileChanges.AfterUpdateAsync"/>: running enrollments hear of a new segment.</summary>
    private void TellProfile(CustomerProfile before, CustomerProfile after)
    {
        var changed = JourneyProfile.From(after, settings.ShopTimeZone);
        if (!ProfileChanges.Moved(JourneyProfile.From(before, settings.ShopTimeZone), changed))
        {
            return;
        }

        foreach (var lane in lanes)
        {
            if (lane.Active is { } run)
            {
                Deliver(run, new ProfileChanged(changed));
            }
        }
    }

    private void Finish(Run run)
    {
        var state = run.Record.State;
        var outcome = state.Status switch
        {
            EnrollmentStatus.Exited => $"exited: {Explain(state.ExitReason)}",
            EnrollmentStatus.Completed => state.ConvertedOrderId is null ? "completed: walked the whole journey, no goal order" : "completed: converted",
            EnrollmentStatus.Measuring => "still listening for a goal order when the simulation ended",
            _ => $"still running when the simulation ended (at node {state.Node})",
        };
        enrollments.Add(new SimulationEnrollment(
            run.Lane.Journey.Id, run.Record.EnrollmentId, run.Record.Group, run.Record.CreatedAt, state.EndedAt, outcome, run.EmailsSent, state.ConvertedOrderId, state.ConvertedRevenue, run.ConvertedCurrency));
        run.Lane.Active = null;
    }

    private void Arrive(OrderRecord order)
    {
        if (arrived.Add(order.OrderId))
        {
            arrivedOrders.Add(order);
            profileVersion++;
        }
    }

    /// <summary>The customer as the hosts would read them at <paramref name="at"/>: the orders arrived so far, tags and attributes, segmented as of then.</summary>
    private CustomerProfile ProfileAt(DateTimeOffset at)
    {
        if (segmented is not { } asOf || asOf.Version != profileVersion || asOf.At != at)
        {
            segmented = asOf = (profileVersion, at, RfmSegmentation.AsOf(Projected(), at));
        }

        return asOf.Profile;
    }

    /// <summary>The profile the orders arrived so far make, with the tags and attributes, not yet segmented as of a moment.</summary>
    private CustomerProfile Projected()
    {
        if (projected is not { } cached || cached.Version != profileVersion)
        {
            var profile = arrivedOrders.Count == 0 ? timeline.Customer : ProfileProjection.Project(timeline.Customer, arrivedOrders, now);
            projected = cached = (profileVersion, profile with { Tags = tags, Attributes = attributes });
        }

        return cached.Profile;
    }

    private string Why(JourneyDefinition journey, CustomerProfile profile, OrderRecord? order) => journey.Entry.Trigger switch
    {
        InactivityTrigger when profile.LastOrderAt is { } last =>
            string.Create(CultureInfo.InvariantCulture, $"last order {Local(last):yyyy-MM-dd}, {(now - last).TotalDays:0} days before the daily sweep")
            + (profile.AverageDaysBetweenOrders is { } usual ? string.Create(CultureInfo.InvariantCulture, $" (usual interval {usual:0.#} days)") : string.Empty),
        OrderPlacedTrigger when order is not null => $"order {order.OrderId} (order {profile.OrderCount} of the customer)",
        SegmentTrigger => $"in segment {ConditionExplanation.Name(profile.Segment)} at the daily sweep",
        _ => "entry conditions hold",
    };

    private static string WhyIgnored(JourneyInput input, EnrollmentState state) => input switch
    {
        TimerFired when state.HasEnded => "the enrollment has ended: nothing happens",
        TimerFired => "not the enrollment's current timer (its step was left): nothing happens",
        OrderPlaced order when state.HasFact(JourneyFactType.Order, order.OrderId) => $"order {order.OrderId} was heard already: nothing happens",
        OrderPlaced order when order.PlacedAt < state.EnteredAt => $"order {order.OrderId} was placed before the enrollment began: nothing happens",
        _ => "nothing changes",
    };

    private static string WaitingFor(JourneyDefinition journey, EnrollmentState state) => state.Wait switch
    {
        WaitKind.Event when state.Node is { } id && journey.Node(id) is WaitForNode wait =>
            $"for {string.Join(" or ", wait.Branches.Select(branch => branch.Template is null ? JourneyDecider.Words(branch.Event) : $"{JourneyDecider.Words(branch.Event)} on {branch.Template}"))}, at most until",
        WaitKind.SendRetry => "to send again at",
        WaitKind.Goal => "for a goal order until",
        _ => "until",
    };

    private void Enqueue(DateTimeOffset at, int rank, int lane, Pending pending) => queue.Enqueue(pending, (at, rank, lane, sequence++));

    private void Note(Lane lane, int enrollment, string what, string? node, string detail) =>
        events.Add(new SimulationEvent(now.ToUniversalTime(), Local(now), lane.Journey.Id, enrollment, what, node, detail));

    /// <summary>A line that concerns the customer rather than one journey (an order, a reaction to no known e-mail).</summary>
    private void NoteAll(string what, string detail) =>
        events.Add(new SimulationEvent(now.ToUniversalTime(), Local(now), string.Empty, 0, what, null, detail));

    private DateTimeOffset Local(DateTimeOffset at) => Instant.FromDateTimeOffset(at).InZone(customerZone).ToDateTimeOffset();

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

    /// <summary>One journey of the simulation: its enrollments, its sweep checkpoint, and the best reason the customer has not entered.</summary>
    private sealed class Lane(JourneyDefinition journey, int index, IReadOnlyList<TimelineInjection> injections)
    {
        private (EntryStage Stage, SweepMiss Reason, DateTimeOffset At, string How)? best;
        private PriorEnrollments? prior;

        public JourneyDefinition Journey { get; } = journey;

        public int Index { get; } = index;

        /// <summary>Added to through <see cref="Add"/> only, which keeps <see cref="Prior"/> current.</summary>
        public List<Run> Runs { get; } = [];

        public Run? Active { get; set; }

        public DateOnly? Checkpoint { get; set; }

        public bool CanEnter => Runs.Count < JourneySimulator.MaxEnrollments;

        /// <summary>The enrollments so far, as the entry rules see them; the sweep asks daily, so it is kept until a run changes.</summary>
        public PriorEnrollments Prior => prior ??= JourneyEnrollment.Prior([.. Runs.Select(run => run.Record)]);

        public void Add(Run run)
        {
            Runs.Add(run);
            Active = run;
            prior = null;
        }

        public void Changed() => prior = null;

        /// <summary>The timeline's copies and late deliveries of this journey's timers, by the node whose wait they end.</summary>
        public IReadOnlyList<(string Node, TimelineInjection Injection)> TimerInjections { get; } = [.. injections.SelectMany(injection => injection switch
        {
            TimelineInjection.TimerCopies copies when copies.Journey is null || copies.Journey == journey.Id => [(copies.Node, injection)],
            TimelineInjection.LateTimer late when late.Journey is null || late.Journey == journey.Id => [(late.Node, injection)],
            _ => Array.Empty<(string, TimelineInjection)>(),
        })];

        /// <summary>Keeps the reason of the furthest stage a customer reached (the latest of them), the one that says most.</summary>
        public void Note(EntryStage stage, string reason, DateTimeOffset at, string how) => Note(stage, new SweepMiss.Because(reason), at, how);

        /// <summary>As <see cref="Note(EntryStage, string, DateTimeOffset, string)"/>, put in words only if it is the one shown.</summary>
        public void Note(EntryStage stage, SweepMiss reason, DateTimeOffset at, string how)
        {
            if (best is not { } known || stage >= known.Stage)
            {
                best = (stage, reason, at, how);
            }
        }

        public string NotEntered() => best is { } reason
            ? string.Create(CultureInfo.InvariantCulture, $"{reason.Reason} ({reason.How}, {reason.At:yyyy-MM-dd HH:mm} UTC)")
            : "no entry check fell in the simulated period";
    }

    /// <summary>One enrollment's run: the record as its durable run keeps it, and what the simulation counts of it.</summary>
    private sealed class Run(Lane lane, EnrollmentRecord record, int number)
    {
        public Lane Lane { get; } = lane;

        public int Number { get; } = number;

        public EnrollmentRecord Record
        {
            get => record;
            set
            {
                record = value;
                Lane.Changed();
            }
        }

        public string? ArmedToken { get; set; }

        public int EmailsSent { get; set; }

        public string? ConvertedCurrency { get; set; }

        public bool HasEnded => Record.HasEnded;
    }

    private abstract record Pending
    {
        public sealed record ScheduledRun(Lane Lane) : Pending;

        public sealed record OrderArrival(OrderRecord Order, bool Copy, bool Late) : Pending;

        public sealed record Email(TimelineEmailEvent Event, string? Key) : Pending;

        public sealed record Tracked(TrackedEvent Event) : Pending;

        public sealed record Answer(TimelineSurveyAnswer Reaction, Run Run, string Key, SurveyQuestion Question) : Pending;

        /// <summary>A run's timer; <see cref="Injected"/> names a copy or late delivery the timeline asked for.</summary>
        public sealed record Timer(Run Run, string Token, string Node, string? Injected) : Pending;

        /// <summary>An input that reaches a run through its queue, just after the moment that produced it.</summary>
        public sealed record Input(Run Run, JourneyInput What) : Pending;
    }
}
