using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Shop;

namespace EcCrm.Core.Journeys.Decider;

/// <summary>One decision being made: the state as it changes and the effects in the order they arise.</summary>
internal sealed class Decision
{
    private int recorded;

    // The visit counts this decision writes to: copied from the state once, on the first visit, then updated in place,
    // since the states in between never leave the decision.
    private Dictionary<string, int>? visits;

    public Decision(JourneyDefinition journey, EnrollmentState state, DateTimeOffset now)
    {
        Journey = journey;
        State = state with { Sequence = state.Sequence + 1 };
        Now = now;
    }

    public JourneyDefinition Journey { get; }

    public EnrollmentState State { get; private set; }

    public DateTimeOffset Now { get; }

    public List<JourneyEffect> Effects { get; } = [];

    public JourneyStep Step() => new(State, Effects);

    public void Update(Func<EnrollmentState, EnrollmentState> change) => State = change(State);

    public void Record(JourneyEventKind kind, string? nodeId, string? detail, decimal? value = null) =>
        Effects.Add(new RecordJourneyEvent($"{State.EnrollmentId}:{State.Sequence}.{recorded++}", kind, nodeId, detail) { Value = value });

    /// <summary>The waitFor node the enrollment is waiting in, if it is.</summary>
    public WaitForNode? WaitingFor() =>
        State.Status == EnrollmentStatus.Active && State.Wait == WaitKind.Event && State.Node is { } id ? Journey.Node(id) as WaitForNode : null;

    public Decision Arm(DateTimeOffset at, WaitKind wait)
    {
        var token = $"t{State.Timers + 1}";
        at = at.ToUniversalTime();
        State = State with { Timers = State.Timers + 1, TimerToken = token, TimerAt = at, Wait = wait };
        Effects.Add(new WaitUntil(at, token));
        return this;
    }

    public Decision Send(SendNode send, string key)
    {
        State = State with { Wait = WaitKind.SendOutcome, SendKey = key, TimerToken = null, TimerAt = null };
        Effects.Add(new SendEmail(key, send.Template, send.Id, send.SubscriptionGroup, send.Transactional, State.CouponCode, send.Survey));
        return this;
    }

    /// <summary>
    /// Runs nodes from <paramref name="nodeId"/> until one has to wait or the journey ends. Bounded: more steps than the
    /// journey has nodes means a loop without a wait, and the enrollment exits instead of spinning.
    /// </summary>
    public Decision Advance(string? nodeId)
    {
        // Each way out of the loop leaves what it waits for set (Send, Arm) or cleared (FinishFlow, Exit), and each node
        // visited clears it first, so the wait, timer and pending send of before are gone without a copy of their own.
        for (var steps = 0; ; steps++)
        {
            if (nodeId is null)
            {
                return FinishFlow(State.Node);
            }

            if (steps > Journey.Nodes.Count)
            {
                return Exit(ExitReason.LoopGuard, $"more than {Journey.Nodes.Count} steps without waiting, at {nodeId}");
            }

            if (Journey.Node(nodeId) is not { } node)
            {
                return Exit(ExitReason.UnknownNode, nodeId);
            }

            var visit = State.VisitsOf(node.Id) + 1;
            if (visit > JourneyDecider.MaxVisitsPerNode)
            {
                return Exit(ExitReason.LoopGuard, $"{node.Id} visited {JourneyDecider.MaxVisitsPerNode} times");
            }

            visits ??= new Dictionary<string, int>(State.Visits, StringComparer.Ordinal);
            visits[node.Id] = visit;
            State = State with
            {
                Node = node.Id,
                NodeEnteredAt = Now,
                Visits = visits,
                Wait = WaitKind.None,
                TimerToken = null,
                TimerAt = null,
                SendKey = null,
            };
            switch (node)
            {
                case SendNode send:
                    return Send(send, Key(node, visit));
                case DelayNode delay:
                    if (DelayClock.EndOf(delay.Delay, State.Profile!, Now) is not { } end)
                    {
                        return Exit(ExitReason.DelayCannotEnd, $"{delay.Id}: the profile date is unknown and there is no fallback");
                    }

                    if (end > Now)
                    {
                        return Arm(end, WaitKind.Delay);
                    }

                    nodeId = delay.Next;
                    break;
                case WaitForNode wait:
                    if (AlreadyHappened(wait) is { } branch)
                    {
                        Record(JourneyEventKind.BranchTaken, wait.Id, branch.Template is null
                            ? $"{JourneyDecider.Words(branch.Event)} (already happened)"
                            : $"{JourneyDecider.Words(branch.Event)} on {branch.Template} (already happened)");
                        nodeId = branch.Next;
                        break;
                    }

                    return Arm(wait.Timeout.AddTo(Now, TimeZones.Get(State.Profile!.TimeZone)), WaitKind.Event);
                case SplitNode split:
                    var index = FirstHolding(split);
                    Record(JourneyEventKind.BranchTaken, split.Id, index >= 0 ? $"condition {index + 1} holds" : "no condition holds: else");
                    nodeId = index >= 0 ? split.Branches[index].Next : split.Else;
                    break;
                case ExperimentNode experiment:
                    var arm = ArmOf(experiment);
                    nodeId = arm.Next;
                    break;
                case ActionNode action:
                    Act(action, Key(node, visit));
                    nodeId = action.Next;
                    break;
                case ExitNode exit:
                    return FinishFlow(exit.Id);
                default:
                    return Exit(ExitReason.UnknownNode, node.Id);
            }
        }
    }

    /// <summary>The nodes are done: listen for a goal order until the goal window ends, or complete now.</summary>
    public Decision FinishFlow(string? lastNode)
    {
        if (State.Group == EnrollmentGroup.Treatment)
        {
            Record(JourneyEventKind.FlowFinished, lastNode, "reached the end of the journey");
        }

        if (Journey.Goal is { } goal && State.ConvertedOrderId is null && goal.EndsAt(State.EnteredAt) > Now)
        {
            State = State with { Status = EnrollmentStatus.Measuring, SendKey = null };
            return Arm(goal.EndsAt(State.EnteredAt), WaitKind.Goal);
        }

        return Complete(State.ConvertedOrderId is null ? "reached the end" : "reached the end, converted");
    }

    public Decision Complete(string detail)
    {
        State = State with { Status = EnrollmentStatus.Completed, EndedAt = Now, Wait = WaitKind.None, TimerToken = null, TimerAt = null, SendKey = null };
        Record(JourneyEventKind.Completed, State.Node, detail);
        Effects.Add(CompleteEnrollment.Instance);
        return this;
    }

    public Decision Exit(ExitReason reason, string? detail = null)
    {
        State = State with { Status = EnrollmentStatus.Exited, ExitReason = reason, EndedAt = Now, Wait = WaitKind.None, TimerToken = null, TimerAt = null, SendKey = null };
        Record(JourneyEventKind.Exited, State.Node, detail is null ? reason.ToString() : $"{reason}: {detail}");
        Effects.Add(new ExitEnrollment(reason));
        return this;
    }

    /// <summary>An e-mail event of an e-mail sent before the wait, or a survey answer given before it (the customer was quick).</summary>
    private WaitBranch? AlreadyHappened(WaitForNode wait) =>
        wait.Branches.FirstOrDefault(branch => (JourneyEventTypes.IsEmail(branch.Event)
                && State.Facts.Any(fact => fact.Type == ConditionEvaluator.FactType(branch.Event) && string.Equals(fact.Template, branch.Template, StringComparison.Ordinal)))
            || (branch.Event == JourneyEventType.SurveyAnswered && State.Facts.Any(fact => fact.Type == JourneyFactType.SurveyAnswered)));

    private ExperimentArm ArmOf(ExperimentNode experiment)
    {
        if (State.Arms.TryGetValue(experiment.Id, out var name) && experiment.Arms.FirstOrDefault(a => a.Name == name) is { } sticky)
        {
            return sticky;
        }

        var total = Math.Max(1, experiment.Arms.Sum(a => a.Weight));
        var bucket = JourneyHash.Bucket(State.EnrollmentId, experiment.Salt, total);
        var chosen = experiment.Arms[^1];
        foreach (var candidate in experiment.Arms)
        {
            if (bucket < candidate.Weight)
            {
                chosen = candidate;
                break;
            }

            bucket -= candidate.Weight;
        }

        State = State with { Arms = new Dictionary<string, string>(State.Arms, StringComparer.Ordinal) { [experiment.Id] = chosen.Name } };
        Record(JourneyEventKind.ArmAssigned, experiment.Id, chosen.Name);
        return chosen;
    }

    /// <summary>The idempotency key of a node's effect on this visit; made only for the nodes that have one (send, action).</summary>
    private string Key(JourneyNode node, int visit) => $"{State.EnrollmentId}:{node.Id}:{visit}";

    /// <summary>The index of the first branch whose condition holds, or -1.</summary>
    private int FirstHolding(SplitNode split)
    {
        for (var i = 0; i < split.Branches.Count; i++)
        {
            if (ConditionEvaluator.Evaluate(split.Branches[i].When, State.Profile!, State.Facts, State.EnrollmentId, State.EnteredAt, Now))
            {
                return i;
            }
        }

        return -1;
    }

    private void Act(ActionNode node, string key)
    {
        switch (node.Action)
        {
            case CreateCouponAction coupon:
                var code = $"{coupon.Prefix}-{JourneyHash.Code(key, 8)}";
                State = State with { CouponCode = code };
                Effects.Add(new CreateCoupon(key, code, coupon.PercentOff, coupon.AmountOff, Now.AddDays(coupon.ValidDays)));
                Record(JourneyEventKind.ActionTaken, node.Id, $"coupon {code}");
                break;
            case TagProfileAction tag:
                State = State with { Profile = State.Profile! with { Tags = [.. State.Profile.Tags.Append(tag.Tag).Distinct(StringComparer.OrdinalIgnoreCase)] } };
                Effects.Add(new TagProfile(key, tag.Tag));
                Record(JourneyEventKind.ActionTaken, node.Id, $"tag {tag.Tag}");
                break;
            case AlertShopAction:
                var answer = State.Facts.LastOrDefault(fact => fact.Type == JourneyFactType.SurveyAnswered);
                Effects.Add(new AlertShop(key, node.Id, answer?.Template, answer?.Ref, answer?.Value));
                Record(JourneyEventKind.ActionTaken, node.Id, answer is null ? "alert the shop" : $"alert the shop: {answer.Value} on {answer.Template}");
                break;
            case UpdateProfileAction update:
                State = State with
                {
                    Profile = State.Profile! with { Attributes = new Dictionary<string, string>(State.Profile.Attributes, StringComparer.Ordinal) { [update.Attribute] = update.Value } },
                };
                Effects.Add(new UpdateProfile(key, update.Attribute, update.Value));
                Record(JourneyEventKind.ActionTaken, node.Id, $"{update.Attribute} = {update.Value}");
                break;
        }
    }
}
