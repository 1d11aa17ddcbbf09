using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Sending;
using EcCrm.Core.Segments;

namespace EcCrm.Core.Journeys.Decider;

/// <summary>
/// The one place journey behaviour lives. Pure and deterministic: the same definition, state, input and time always give
/// the same step. Every runtime (embedded runner, Durable orchestrator, simulator, tests) loops around it: feed an input,
/// keep the state, carry out the effects, feed back what they produced.
/// </summary>
public static class JourneyDecider
{
    /// <summary>A node visited more often than this in one enrollment ends it: a loop, even a slow one, is a mistake.</summary>
    public const int MaxVisitsPerNode = 100;

    public static JourneyStep Decide(JourneyDefinition journey, EnrollmentState state, JourneyInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        return (input, state.Status) switch
        {
            (Started started, EnrollmentStatus.New) => Start(journey, started, now),
            (_, EnrollmentStatus.New or EnrollmentStatus.Exited or EnrollmentStatus.Completed) => JourneyStep.NoOp(state),
            (Started, _) => JourneyStep.NoOp(state),
            (Cancel, _) => new Decision(journey, state, now).Exit(ExitReason.Cancelled).Step(),
            (Unsubscribed unsubscribed, _) when SendsMarketingIn(journey, unsubscribed.Group)
                => new Decision(journey, state, now).Exit(ExitReason.Unsubscribed, unsubscribed.Group is null ? "from all marketing" : $"from {unsubscribed.Group}").Step(),
            (TimerFired timer, _) when timer.Token != state.TimerToken => JourneyStep.NoOp(state),
            (TimerFired timer, _) when state.TimerAt is { } due && now < due => new(state, [new WaitUntil(due, timer.Token)]),
            (TimerFired, EnrollmentStatus.Measuring) => new Decision(journey, state, now).Complete("goal window ended").Step(),
            (TimerFired, _) => OnTimer(new Decision(journey, state, now)),
            (OrderPlaced order, _) when state.HasFact(JourneyFactType.Order, order.OrderId) => JourneyStep.NoOp(state),
            (OrderPlaced order, _) when order.PlacedAt < state.EnteredAt && DisprovesInactivity(journey, state, order)
                => new Decision(journey, state, now).Exit(ExitReason.OrderedBeforeEntry, $"order {order.OrderId} placed {order.PlacedAt:yyyy-MM-dd HH:mm} UTC, before entry").Step(),
            (OrderPlaced order, _) when order.PlacedAt < state.EnteredAt => JourneyStep.NoOp(state),
            (OrderPlaced order, _) => OnOrder(new Decision(journey, state, now), order),
            (EventTracked tracked, _) when state.HasFact(TrackedFact(tracked), tracked.EventId) || tracked.At < state.EnteredAt
                || !JourneyEventTypes.Asks(journey, JourneyEventTypes.Of(tracked.Type)) => JourneyStep.NoOp(state),
            (EventTracked tracked, _) => OnTracked(new Decision(journey, state, now), tracked),
            (SurveyAnswered answer, _) when !Answers(journey, state, answer) => JourneyStep.NoOp(state),
            (SurveyAnswered answer, _) => OnSurveyAnswered(new Decision(journey, state, now), answer),
            (EmailEvent email, _) when !BelongsTo(state, email) => JourneyStep.NoOp(state),
            (EmailEvent email, _) => OnEmail(new Decision(journey, state, now), email),
            (EffectCompleted done, EnrollmentStatus.Active) when state.Wait == WaitKind.SendOutcome && done.IdempotencyKey == state.SendKey
                => OnSendOutcome(new Decision(journey, state, now), done.Outcome),
            (ProfileChanged changed, _) => OnProfileChanged(new Decision(journey, state, now), changed.Profile),
            _ => JourneyStep.NoOp(state),
        };
    }

    private static JourneyStep Start(JourneyDefinition journey, Started started, DateTimeOffset now)
    {
        var state = new EnrollmentState
        {
            EnrollmentId = started.EnrollmentId,
            JourneyId = journey.Id,
            Version = journey.Version,
            Status = EnrollmentStatus.Active,
            Group = started.Group,
            EnteredAt = started.At ?? now,
            Profile = started.Profile,
        };
        var decision = new Decision(journey, state, now);
        if (started.Group == EnrollmentGroup.Holdout)
        {
            decision.Record(JourneyEventKind.EnteredHoldout, null, "holdout: receives nothing, conversions still count", started.EntryValue);
            return decision.FinishFlow(null).Step();
        }

        decision.Record(JourneyEventKind.Entered, null, "treatment", started.EntryValue);
        return decision.Advance(journey.Start).Step();
    }

    private static JourneyStep OnTimer(Decision decision)
    {
        var state = decision.State;
        var node = state.Node is { } id ? decision.Journey.Node(id) : null;
        switch (state.Wait, node)
        {
            case (WaitKind.Delay, DelayNode delay):
                return decision.Advance(delay.Next).Step();
            case (WaitKind.Event, WaitForNode wait):
                decision.Record(JourneyEventKind.BranchTaken, wait.Id, $"no event within {wait.Timeout}: timeout");
                return decision.Advance(wait.TimeoutNext).Step();
            case (WaitKind.SendRetry, SendNode send):
                return decision.Send(send, state.SendKey!).Step();
            default:
                return decision.Exit(ExitReason.UnknownNode).Step();
        }
    }

    private static JourneyStep OnOrder(Decision decision, OrderPlaced order)
    {
        var journey = decision.Journey;
        decision.Update(state => state with
        {
            Facts = state.FactsWith(new JourneyFact(JourneyFactType.Order, order.PlacedAt, order.OrderId)),
            Profile = state.Profile! with
            {
                OrderCount = state.Profile.OrderCount + 1,
                Revenue = state.Profile.Revenue + order.NetRevenue,
                LastOrderAt = state.Profile.LastOrderAt is { } last && last > order.PlacedAt ? last : order.PlacedAt,
                FirstOrderAt = state.Profile.FirstOrderAt ?? order.PlacedAt,
            },
        });

        var converted = false;
        if (journey.Goal is { } goal && decision.State.ConvertedOrderId is null && order.PlacedAt <= goal.EndsAt(decision.State.EnteredAt))
        {
            converted = true;
            decision.Update(state => state with { ConvertedOrderId = order.OrderId, ConvertedRevenue = order.NetRevenue });
            decision.Effects.Add(new RecordConversion(order.OrderId, order.NetRevenue, order.PlacedAt));
            decision.Record(JourneyEventKind.Converted, decision.State.Node, $"order {order.OrderId} within the {goal.OrderWithinDays}-day goal window");
        }

        if (decision.State.Status == EnrollmentStatus.Measuring)
        {
            return converted ? decision.Complete("converted").Step() : decision.Step();
        }

        if (journey.ExitsOn(ExitTrigger.OrderPlaced))
        {
            return decision.Exit(ExitReason.OrderPlaced, $"order {order.OrderId}").Step();
        }

        if (decision.WaitingFor() is { } wait && wait.Branches.FirstOrDefault(branch => branch.Event == JourneyEventType.OrderPlaced) is { } branch)
        {
            decision.Record(JourneyEventKind.BranchTaken, wait.Id, $"order {order.OrderId}");
            return decision.Advance(branch.Next).Step();
        }

        return decision.Step();
    }

    /// <summary>
    /// An event the journey asks about (a <c>waitFor</c> branch, a <c>performed</c> condition) is kept as a fact, and takes
    /// the branch of the <c>waitFor</c> the enrollment is in, as an order does: one that arrives while it waits.
    /// </summary>
    private static JourneyStep OnTracked(Decision decision, EventTracked tracked)
    {
        var type = JourneyEventTypes.Of(tracked.Type);
        decision.Update(state => state.WithFact(new JourneyFact(TrackedFact(tracked), tracked.At, tracked.EventId)));
        if (decision.WaitingFor() is { } wait && wait.Branches.FirstOrDefault(branch => branch.Event == type) is { } branch)
        {
            decision.Record(JourneyEventKind.BranchTaken, wait.Id, $"{JourneyEventTypes.Name(type)} {tracked.EventId}");
            return decision.Advance(branch.Next).Step();
        }

        return decision.Step();
    }

    private static JourneyFactType TrackedFact(EventTracked tracked) => ConditionEvaluator.FactType(JourneyEventTypes.Of(tracked.Type));

    /// <summary>
    /// An order placed before an inactivity entry, later than the last order entry knew of, arrived late: the customer
    /// ordered within the inactivity period. (An update of an order entry knew of, or any earlier order for other
    /// triggers, changes nothing.)
    /// </summary>
    private static bool DisprovesInactivity(JourneyDefinition journey, EnrollmentState state, OrderPlaced order) =>
        journey.Entry.Trigger is InactivityTrigger && order.PlacedAt > (state.Profile?.LastOrderAt ?? DateTimeOffset.MinValue);

    private static bool SendsMarketingIn(JourneyDefinition journey, string? group) =>
        journey.Nodes.OfType<SendNode>().Any(send => !send.Transactional && (group is null || string.Equals(send.SubscriptionGroup, group, StringComparison.OrdinalIgnoreCase)));

    private static JourneyStep OnEmail(Decision decision, EmailEvent email)
    {
        var type = FactType(email.Kind);
        decision.Update(state => state.WithFact(new JourneyFact(type, email.At, email.IdempotencyKey, email.TemplateId)));
        decision.Effects.Add(new RecordJourneyEvent($"{email.IdempotencyKey}:{email.Kind}", EngagementKind(email.Kind), SendNodeOf(email.IdempotencyKey), email.TemplateId));
        if (decision.State.Status == EnrollmentStatus.Active && email.Kind == EmailEventKind.Unsubscribed && decision.Journey.ExitsOn(ExitTrigger.Unsubscribed))
        {
            return decision.Exit(ExitReason.Unsubscribed, $"from {email.TemplateId}").Step();
        }

        if (decision.WaitingFor() is { } wait
            && wait.Branches.FirstOrDefault(branch => branch.Event != JourneyEventType.OrderPlaced && ConditionEvaluator.FactType(branch.Event) == type
                && string.Equals(branch.Template, email.TemplateId, StringComparison.Ordinal)) is { } taken)
        {
            decision.Record(JourneyEventKind.BranchTaken, wait.Id, $"{Words(taken.Event)} on {email.TemplateId}");
            return decision.Advance(taken.Next).Step();
        }

        return decision.Step();
    }

    /// <summary>
    /// A survey answer is kept as a fact (a changed answer replaces the earlier one, so conditions see the latest), recorded
    /// once per answer, and takes the <c>surveyAnswered</c> branch of the <c>waitFor</c> the enrollment is in.
    /// </summary>
    private static JourneyStep OnSurveyAnswered(Decision decision, SurveyAnswered answer)
    {
        var fact = new JourneyFact(JourneyFactType.SurveyAnswered, answer.At, answer.IdempotencyKey, answer.Survey, answer.Answer);
        decision.Update(state => (state with { Facts = [.. state.Facts.Where(kept => !IsAnswerTo(kept, answer.IdempotencyKey))] }).WithFact(fact));
        decision.Effects.Add(new RecordJourneyEvent($"{answer.IdempotencyKey}:{JourneyEventKind.SurveyAnswered}:{answer.Answer}", JourneyEventKind.SurveyAnswered, answer.Survey, answer.Answer));
        if (decision.WaitingFor() is { } wait && wait.Branches.FirstOrDefault(branch => branch.Event == JourneyEventType.SurveyAnswered) is { } branch)
        {
            decision.Record(JourneyEventKind.BranchTaken, wait.Id, $"surveyAnswered: {answer.Answer} on {answer.Survey}");
            return decision.Advance(branch.Next).Step();
        }

        return decision.Step();
    }

    /// <summary>
    /// An answer to a survey e-mail this enrollment sent, to one of its answers, and neither the answer already kept nor
    /// one given before it (a copy of an earlier answer delivered late).
    /// </summary>
    private static bool Answers(JourneyDefinition journey, EnrollmentState state, SurveyAnswered answer) =>
        answer.IdempotencyKey.StartsWith(state.EnrollmentId + ":", StringComparison.Ordinal)
        && journey.Node(answer.Survey) is SendNode { Survey: { } question } && question.Accepts(answer.Answer)
        && !state.Facts.Any(fact => IsAnswerTo(fact, answer.IdempotencyKey) && (string.Equals(fact.Value, answer.Answer, StringComparison.Ordinal) || fact.At > answer.At));

    private static bool IsAnswerTo(JourneyFact fact, string idempotencyKey) =>
        fact.Type == JourneyFactType.SurveyAnswered && string.Equals(fact.Ref, idempotencyKey, StringComparison.Ordinal);

    private static JourneyStep OnSendOutcome(Decision decision, SendOutcome outcome)
    {
        var send = decision.State.Node is { } id ? decision.Journey.Node(id) as SendNode : null;
        if (send is null)
        {
            return decision.Exit(ExitReason.UnknownNode).Step();
        }

        var key = decision.State.SendKey!;
        switch (outcome)
        {
            case Sent sent:
                decision.Update(state => state with { Facts = state.FactsWith(new JourneyFact(JourneyFactType.Sent, sent.At, key, send.Template)), SendKey = null, SendDeferredFor = null, Wait = WaitKind.None });
                decision.Record(JourneyEventKind.Sent, send.Id, send.Template);
                return decision.Advance(send.Next).Step();
            case Unconfirmed unconfirmed:
                decision.Update(state => state.WithFact(new JourneyFact(JourneyFactType.Sent, unconfirmed.At, key, send.Template)) with { SendKey = null, SendDeferredFor = null, Wait = WaitKind.None });
                decision.Record(JourneyEventKind.Sent, send.Id, $"{send.Template}: unconfirmed");
                return decision.Advance(send.Next).Step();
            case Deferred deferred:
                // Recorded when the send starts to wait for a reason, not at every retry for the same one (a journey held
                // for days asks again every few minutes).
                if (decision.State.SendDeferredFor != deferred.Reason)
                {
                    decision.Record(JourneyEventKind.SendDeferred, send.Id, $"{send.Template}: {Words(deferred.Reason)}");
                }

                decision.Update(state => state with { SendDeferredFor = deferred.Reason });
                return decision.Arm(deferred.Until, WaitKind.SendRetry).Step();
            case Blocked blocked:
                decision.Update(state => state with { SendKey = null, SendDeferredFor = null, Wait = WaitKind.None });
                decision.Record(JourneyEventKind.SendBlocked, send.Id, $"{send.Template}: {Words(blocked.Reason)}");
                return decision.Advance(send.Next).Step();
            default:
                return JourneyStep.NoOp(decision.State);
        }
    }

    private static JourneyStep OnProfileChanged(Decision decision, JourneyProfile profile)
    {
        decision.Update(state => state with { Profile = profile });
        IReadOnlyList<RfmSegment> segments = decision.Journey.Entry.Trigger switch
        {
            SegmentTrigger trigger => trigger.Segments,
            ScheduleTrigger trigger => trigger.Segments,
            _ => [],
        };
        if (decision.State.Status == EnrollmentStatus.Active && decision.Journey.ExitsOn(ExitTrigger.LeftSegment)
            && segments.Count > 0 && !segments.Contains(profile.Segment))
        {
            return decision.Exit(ExitReason.LeftSegment, $"now {profile.Segment}").Step();
        }

        return decision.Step();
    }

    /// <summary>Reasons and event names as the journey file and the simulator write them.</summary>
    internal static string Words(Enum value) => value switch
    {
        DeferReason.QuietHours => "quiet hours",
        DeferReason.FrequencyCap => "frequency cap",
        DeferReason.ProviderBusy => "waiting for the e-mail provider",
        DeferReason.JourneyHeld => "journey paused for deliverability",
        DeferReason.AwaitingConfirmation => "waiting for the e-mail provider to confirm it",
        BlockReason.NoConsent => "no marketing consent",
        BlockReason.Suppressed => "address suppressed",
        BlockReason.NoAddress => "no e-mail address",
        BlockReason.ProviderRejected => "refused by the e-mail provider",
        BlockReason.TemplateBroken => "the template does not render",
        BlockReason.NoRecordedOptIn => "no recorded opt-in",
        JourneyEventType type => JourneyEventTypes.Name(type),
        _ => value.ToString(),
    };

    private static bool BelongsTo(EnrollmentState state, EmailEvent email) =>
        email.IdempotencyKey.StartsWith(state.EnrollmentId + ":", StringComparison.Ordinal)
        && !state.Facts.Any(fact => fact.Type == FactType(email.Kind) && string.Equals(fact.Ref, email.IdempotencyKey, StringComparison.Ordinal));

    private static JourneyEventKind EngagementKind(EmailEventKind kind) => kind switch
    {
        EmailEventKind.Delivered => JourneyEventKind.EmailDelivered,
        EmailEventKind.Opened => JourneyEventKind.EmailOpened,
        EmailEventKind.Clicked => JourneyEventKind.EmailClicked,
        EmailEventKind.Bounced => JourneyEventKind.EmailBounced,
        _ => JourneyEventKind.EmailUnsubscribed,
    };

    // An idempotency key is {journeyId}:{customerKey}:{cycle}:{nodeId}:{visit}.
    private static string? SendNodeOf(string idempotencyKey) => idempotencyKey.Split(':') is { Length: 5 } parts ? parts[3] : null;

    private static JourneyFactType FactType(EmailEventKind kind) => kind switch
    {
        EmailEventKind.Delivered => JourneyFactType.Delivered,
        EmailEventKind.Opened => JourneyFactType.Opened,
        EmailEventKind.Clicked => JourneyFactType.Clicked,
        EmailEventKind.Bounced => JourneyFactType.Bounced,
        _ => JourneyFactType.Unsubscribed,
    };
}
