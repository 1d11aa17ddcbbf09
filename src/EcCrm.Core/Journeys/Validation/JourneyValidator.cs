using System.Globalization;
using System.Text;
using Cronos;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Validation;

/// <summary>
/// Reads a journey and checks what a schema cannot: nodes that are unknown or never reached, loops without a wait,
/// a waitFor on an event that can never arrive, unknown templates, experiment weights, delays that can never end,
/// impossible quiet hours and caps, an invalid cron, a holdout without a goal. Every error has a JSON path, a sentence
/// and, where it is obvious, a fix.
/// </summary>
public static class JourneyValidator
{
    /// <summary>Reads and checks a journey. <paramref name="knownTemplates"/>: the template ids that exist; <c>null</c> skips that check.</summary>
    public static JourneyReadResult Validate(string json, IReadOnlySet<string>? knownTemplates = null)
    {
        var (read, partial) = JourneyParser.ParseWithPartial(json);
        if (read.IsValid)
        {
            var errors = Check(read.Definition, knownTemplates);
            return errors.Count == 0 ? read : new JourneyReadResult(null, errors);
        }

        if (partial is null)
        {
            return read;
        }

        // The file has structural mistakes; add what can still be said about the part that was read, without repeating a place.
        var more = Check(partial, knownTemplates, new JourneyReadGaps(read.Errors)).Where(error => !read.Errors.Any(known => known.Path == error.Path));
        return new JourneyReadResult(null, [.. read.Errors, .. more]);
    }

    /// <summary>The semantic checks alone, for a definition that was read without errors.</summary>
    public static IReadOnlyList<JourneyError> Check(JourneyDefinition journey, IReadOnlySet<string>? knownTemplates = null) =>
        Check(journey, knownTemplates, JourneyReadGaps.None);

    /// <summary>
    /// With <paramref name="gaps"/> the definition may be partial (some nodes or fields could not be read). Every check
    /// whose inputs were read runs; a check that would report something as missing only because it could not be read is
    /// left out: the graph checks when a node on the way could not be read as far as its links, the checks that rely on
    /// a field being absent when that field had a mistake.
    /// </summary>
    private static List<JourneyError> Check(JourneyDefinition journey, IReadOnlySet<string>? knownTemplates, JourneyReadGaps gaps)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var errors = new List<JourneyError>();
        var graph = new JourneyGraph(journey);
        CheckIds(journey, errors);
        CheckLinks(journey, graph, errors);
        if (graph.IsWhole)
        {
            CheckReachable(journey, graph, errors);
        }

        CheckLoops(journey, graph, errors);
        CheckWayToEnd(journey, graph, gaps, errors);
        CheckNodes(journey, graph, knownTemplates, gaps, errors);
        CheckEntryAndPolicy(journey, gaps, errors);
        return errors;
    }

    private static void CheckIds(JourneyDefinition journey, List<JourneyError> errors)
    {
        for (var i = 0; i < journey.Nodes.Count; i++)
        {
            var first = journey.IndexOf(journey.Nodes[i].Id);
            if (first != i)
            {
                errors.Add(new JourneyError($"$.nodes[{i}].id", $"Node id \"{journey.Nodes[i].Id}\" is already used by $.nodes[{first}].", "Give every node its own id."));
            }
        }
    }

    private static void CheckLinks(JourneyDefinition journey, JourneyGraph graph, List<JourneyError> errors)
    {
        var ids = journey.Nodes.Select(node => node.Id).ToList();
        if (journey.Node(journey.Start) is null)
        {
            errors.Add(new JourneyError("$.start", $"The journey starts at \"{journey.Start}\", but there is no node with that id.", Suggestions.DidYouMean(journey.Start, ids)));
        }

        for (var i = 0; i < journey.Nodes.Count; i++)
        {
            foreach (var link in JourneyGraph.Links(journey.Nodes[i]))
            {
                if (link.Target is { } target && journey.Node(target) is null)
                {
                    errors.Add(new JourneyError($"$.nodes[{i}].{link.Path}", $"Node \"{journey.Nodes[i].Id}\" leads to \"{target}\", but there is no node with that id.", Suggestions.DidYouMean(target, ids)));
                }
            }
        }
    }

    private static void CheckReachable(JourneyDefinition journey, JourneyGraph graph, List<JourneyError> errors)
    {
        if (journey.Node(journey.Start) is null)
        {
            return;
        }

        var reached = graph.ReachableFrom(journey.Start);
        for (var i = 0; i < journey.Nodes.Count; i++)
        {
            if (!reached.Contains(journey.Nodes[i].Id) && journey.IndexOf(journey.Nodes[i].Id) == i)
            {
                errors.Add(new JourneyError($"$.nodes[{i}]", $"Node \"{journey.Nodes[i].Id}\" can never be reached: no path from the start (\"{journey.Start}\") leads to it.", "Point a \"next\" at it, or remove it."));
            }
        }
    }

    private static void CheckLoops(JourneyDefinition journey, JourneyGraph graph, List<JourneyError> errors)
    {
        foreach (var loop in graph.LoopsWithoutWait())
        {
            var first = journey.IndexOf(loop[0]);
            errors.Add(new JourneyError(
                $"$.nodes[{first}]",
                $"Nodes {string.Join(" → ", loop.Append(loop[0]).Select(id => $"\"{id}\""))} form a loop with no delay or waitFor in it, so a customer would go round it without end.",
                "Put a delay or a waitFor in the loop, or lead one of its branches out of it."));
        }
    }

    /// <summary>
    /// A journey must have a way to end for every customer in it (docs/journeys.md, "A way to end"): no loop may hold a
    /// customer for ever. An order ends the loops of a journey that exits on orderPlaced, leaving the segment those of
    /// one that exits on leftSegment; an unsubscribe is no way to end, since it ends a journey only for customers who
    /// have had enough of it.
    /// </summary>
    private static void CheckWayToEnd(JourneyDefinition journey, JourneyGraph graph, JourneyReadGaps gaps, List<JourneyError> errors)
    {
        var segmentExit = journey.ExitsOn(ExitTrigger.LeftSegment) && (!gaps.Read("$.entry.trigger") || journey.Entry.Trigger is SegmentTrigger or ScheduleTrigger { Segments.Count: > 0 });
        if (!gaps.Read("$.exit") || gaps.Misspelt("exit") || journey.ExitsOn(ExitTrigger.OrderPlaced) || segmentExit)
        {
            return;
        }

        foreach (var loop in graph.LoopsWithoutEnd())
        {
            var names = loop.Nodes.Select(id => $"\"{id}\"").ToList();
            var message = new StringBuilder(names.Count == 1 ? $"Node {names[0]} is a loop" : $"Nodes {string.Join(", ", names[..^1])} and {names[^1]} form a loop")
                .Append(" a customer can never leave for an exit node or a node without \"next\", and no exit trigger ends it (only \"orderPlaced\" or \"leftSegment\" would).");
            foreach (var (experiment, armIn, armOut) in loop.StickyArms)
            {
                message.Append(CultureInfo.InvariantCulture, $" Experiment \"{experiment}\" keeps each customer in the arm first drawn, so those in arm \"{armIn}\" never take arm \"{armOut}\" out of it.");
            }

            var sent = loop.Nodes.Select(id => JourneyGraph.TemplateSent(journey.Node(id)!)).OfType<string>().Distinct(StringComparer.Ordinal).Select(template => $"\"{template}\"").ToList();
            message.Append(sent.Count == 0
                ? " A customer in it goes round"
                : $" A customer in it gets {(sent.Count == 1 ? sent[0] : $"{string.Join(", ", sent[..^1])} and {sent[^1]}")} on every round");
            message.Append(CultureInfo.InvariantCulture, $" until the loop guard stops the enrollment after {JourneyDecider.MaxVisitsPerNode} visits of a node.");
            errors.Add(new JourneyError(
                $"$.nodes[{journey.IndexOf(loop.Nodes[0])}]",
                message.ToString(),
                "Lead a branch out of the loop to an exit node (a split on { \"performed\": \"emailDelivered\", \"minCount\": 3 }, say), or add \"orderPlaced\" to \"exit\" to end it when the customer orders."));
        }
    }

    private static void CheckNodes(JourneyDefinition journey, JourneyGraph graph, IReadOnlySet<string>? knownTemplates, JourneyReadGaps gaps, List<JourneyError> errors)
    {
        for (var i = 0; i < journey.Nodes.Count; i++)
        {
            var path = $"$.nodes[{i}]";
            var node = journey.Nodes[i];
            switch (node)
            {
                case SendNode send:
                    CheckTemplate(send.Template, $"{path}.template", $"Node \"{send.Id}\" sends", knownTemplates, errors);
                    break;
                case WaitForNode wait:
                    var sentBefore = graph.IsWhole ? graph.TemplatesSentBefore(wait.Id) : null;
                    for (var b = 0; b < wait.Branches.Count; b++)
                    {
                        var branch = wait.Branches[b];
                        if (branch.Event == JourneyEventType.OrderPlaced)
                        {
                            if (journey.ExitsOn(ExitTrigger.OrderPlaced))
                            {
                                errors.Add(new JourneyError($"{path}.branches[{b}].event", $"Node \"{wait.Id}\" waits for orderPlaced, but the journey exits on orderPlaced first, so this branch can never be taken.", "Remove \"orderPlaced\" from \"exit\", or remove this branch."));
                            }

                            continue;
                        }

                        if (branch.Event == JourneyEventType.SurveyAnswered && !journey.Nodes.Any(other => other is SendNode { Survey: not null }))
                        {
                            errors.Add(new JourneyError($"{path}.branches[{b}].event", $"Node \"{wait.Id}\" waits for surveyAnswered, but the journey has no survey step, so no answer can arrive.", "Add a node of type \"survey\" before it."));
                        }

                        if (branch.Template is { } template && CheckTemplate(template, $"{path}.branches[{b}].template", $"Node \"{wait.Id}\" waits for {EventName(branch.Event)} on", knownTemplates, errors) && sentBefore is not null && !sentBefore.Contains(template))
                        {
                            errors.Add(new JourneyError($"{path}.branches[{b}].template", $"Node \"{wait.Id}\" waits for {EventName(branch.Event)} on \"{template}\", but no send node before it sends \"{template}\", so that event can never arrive.", sentBefore.Count > 0 ? $"E-mails sent before it: {string.Join(", ", sentBefore.Order(StringComparer.Ordinal))}." : "Send that e-mail before waiting for it."));
                        }
                    }

                    if (wait.Timeout.IsZero)
                    {
                        errors.Add(new JourneyError($"{path}.timeout", $"Node \"{wait.Id}\" has a timeout of 0, so it never waits for anything.", "Give it a timeout such as \"3d\"."));
                    }

                    break;
                case SplitNode split:
                    var sent = graph.IsWhole ? graph.TemplatesSentBefore(split.Id) : null;
                    for (var b = 0; b < split.Branches.Count; b++)
                    {
                        CheckCondition(journey, split.Branches[b].When, $"{path}.branches[{b}].when", split.Id, sent, knownTemplates, errors);
                    }

                    break;
                case ExperimentNode experiment:
                    var total = experiment.Arms.Sum(arm => arm.Weight);
                    if (total != 100)
                    {
                        errors.Add(new JourneyError($"{path}.arms", $"The weights of experiment \"{experiment.Id}\" add up to {total}; they must add up to 100.", $"Adjust the weights ({string.Join(" + ", experiment.Arms.Select(arm => arm.Weight))})."));
                    }

                    for (var a = 0; a < experiment.Arms.Count; a++)
                    {
                        if (experiment.Arms[a].Weight == 0)
                        {
                            errors.Add(new JourneyError($"{path}.arms[{a}].weight", $"Arm \"{experiment.Arms[a].Name}\" of experiment \"{experiment.Id}\" has weight 0, so no customer is ever assigned to it.", "Give it a weight or remove it."));
                        }

                        if (experiment.Arms.Take(a).Any(arm => arm.Name == experiment.Arms[a].Name))
                        {
                            errors.Add(new JourneyError($"{path}.arms[{a}].name", $"Arm name \"{experiment.Arms[a].Name}\" is used twice in experiment \"{experiment.Id}\".", "Name each arm differently: results are reported by arm name."));
                        }
                    }

                    break;
                case DelayNode { Delay: DelayUntilLocalTime { Weekdays.Count: 0 } } delay:
                    errors.Add(new JourneyError($"{path}.until.weekdays", $"Delay \"{delay.Id}\" lists no weekday, so it can never end.", "List the days it may end on, such as [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"], or leave \"weekdays\" out for every day."));
                    break;
                case DelayNode { Delay: DelayUntilProfileDate { Field: ProfileDate.PredictedNextOrderAt, Fallback: null } } predicted
                    when gaps.Read("$.entry.trigger") && journey.Entry.Trigger is OrderPlacedTrigger { Which: OrderMatch.First }:
                    errors.Add(new JourneyError($"{path}.untilDate", $"Delay \"{predicted.Id}\" waits for the predicted next order, which is never known for customers entering on their first order (it needs two orders), so it can never end.", "Add \"fallback\": \"30d\", or wait \"for\" a fixed time."));
                    break;
            }
        }
    }

    private static void CheckCondition(JourneyDefinition journey, Condition condition, string path, string nodeId, IReadOnlySet<string>? sentBefore, IReadOnlySet<string>? knownTemplates, List<JourneyError> errors)
    {
        switch (condition)
        {
            case AllCondition all:
                for (var i = 0; i < all.Conditions.Count; i++)
                {
                    CheckCondition(journey, all.Conditions[i], $"{path}.all[{i}]", nodeId, sentBefore, knownTemplates, errors);
                }

                break;
            case AnyCondition any:
                for (var i = 0; i < any.Conditions.Count; i++)
                {
                    CheckCondition(journey, any.Conditions[i], $"{path}.any[{i}]", nodeId, sentBefore, knownTemplates, errors);
                }

                break;
            case NotCondition not:
                CheckCondition(journey, not.Condition, $"{path}.not", nodeId, sentBefore, knownTemplates, errors);
                break;
            case SurveyCondition survey:
                CheckSurveyCondition(journey, survey, path, nodeId, errors);
                break;
            case MessageCondition message:
                if (CheckTemplate(message.Template, $"{path}.template", $"Node \"{nodeId}\" asks about", knownTemplates, errors) && sentBefore is not null && !sentBefore.Contains(message.Template))
                {
                    errors.Add(new JourneyError($"{path}.template", $"Node \"{nodeId}\" asks whether \"{message.Template}\" was {EventName(message.Event)[5..].ToLowerInvariant()}, but no send node before it sends \"{message.Template}\", so the answer is always no.", "Ask about an e-mail sent before this node."));
                }

                break;
        }
    }

    private static void CheckSurveyCondition(JourneyDefinition journey, SurveyCondition survey, string path, string nodeId, List<JourneyError> errors)
    {
        var surveys = journey.Nodes.OfType<SendNode>().Where(send => send.Survey is not null).Select(send => send.Id).ToList();
        if (journey.Node(survey.Survey) is not SendNode { Survey: { } question })
        {
            errors.Add(new JourneyError($"{path}.survey", $"Node \"{nodeId}\" asks about the answer to \"{survey.Survey}\", which is not a survey step of this journey.", surveys.Count > 0 ? $"Survey steps: {string.Join(", ", surveys)}." : "Add a node of type \"survey\" before it."));
            return;
        }

        if (survey.Nps is not null && question.Kind != SurveyKind.Nps)
        {
            errors.Add(new JourneyError($"{path}.nps", $"Node \"{nodeId}\" asks for an NPS group, but survey \"{survey.Survey}\" asks a choice question.", $"Ask about its choices instead: {{ \"survey\": \"{survey.Survey}\", \"choice\": [\"{question.Choices[0]}\"] }}."));
        }

        if (survey.Choices.Count > 0 && question.Kind == SurveyKind.Nps)
        {
            errors.Add(new JourneyError($"{path}.choice", $"Node \"{nodeId}\" asks about choices, but survey \"{survey.Survey}\" asks for a score from 0 to 10.", "Ask about the group instead: \"nps\": \"detractor\", \"passive\" or \"promoter\"."));
            return;
        }

        for (var i = 0; i < survey.Choices.Count; i++)
        {
            if (!question.Choices.Contains(survey.Choices[i], StringComparer.Ordinal))
            {
                errors.Add(new JourneyError($"{path}.choice[{i}]", $"Survey \"{survey.Survey}\" has no choice \"{survey.Choices[i]}\", so this is never its answer.", $"Its choices: {string.Join(", ", question.Choices)}."));
            }
        }
    }

    /// <param name="use">How the node uses the template, naming the node: <c>Node "email-2" sends</c>.</param>
    private static bool CheckTemplate(string template, string path, string use, IReadOnlySet<string>? knownTemplates, List<JourneyError> errors)
    {
        if (knownTemplates is null || knownTemplates.Contains(template))
        {
            return true;
        }

        errors.Add(new JourneyError(path, $"{use} the e-mail template \"{template}\", which does not exist.", Suggestions.Closest(template, knownTemplates) is { } close ? $"Did you mean \"{close}\"?" : $"Create templates/{template}.liquid next to the journey."));
        return false;
    }

    private static void CheckEntryAndPolicy(JourneyDefinition journey, JourneyReadGaps gaps, List<JourneyError> errors)
    {
        if (journey.Entry.Trigger is ScheduleTrigger schedule)
        {
            try
            {
                var fields = schedule.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                CronExpression.Parse(schedule.Cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            }
            catch (CronFormatException exception)
            {
                errors.Add(new JourneyError("$.entry.trigger.cron", $"\"{schedule.Cron}\" is not a valid cron expression: {exception.Message.TrimEnd('.')}.", "Write five fields: minute hour day-of-month month day-of-week, such as \"0 9 * * MON\"."));
            }
        }

        if (journey.Entry.Holdout is { Percent: > 0 } && journey.Goal is null && gaps.Read("$.goal") && !gaps.Misspelt("goal"))
        {
            errors.Add(new JourneyError("$.entry.holdout", "A holdout measures the journey's effect on orders, but the journey has no goal to measure.", "Add \"goal\": { \"orderWithinDays\": 30 }, or remove the holdout."));
        }

        if (journey.Entry.Reentry is { Policy: not ReentryPolicy.Cooldown, CooldownDays: not null })
        {
            errors.Add(new JourneyError("$.entry.reentry.cooldownDays", "\"cooldownDays\" applies only to the cooldown policy.", "Set \"policy\": \"cooldown\", or remove \"cooldownDays\"."));
        }

        for (var i = 0; i < journey.Exit.Count; i++)
        {
            if (gaps.Read("$.entry.trigger") && gaps.Read("$.exit") && journey.Exit[i] == ExitTrigger.LeftSegment && journey.Entry.Trigger is not (SegmentTrigger or ScheduleTrigger { Segments.Count: > 0 }))
            {
                errors.Add(new JourneyError($"$.exit[{i}]", "\"leftSegment\" needs an entry trigger with segments, so the journey knows which segment the customer could leave.", "Use a segment trigger, or remove \"leftSegment\"."));
            }
        }

        if (journey.SendPolicy.QuietHours is { } quiet)
        {
            var open = quiet.From > quiet.To ? quiet.From - quiet.To : TimeSpan.FromDays(1) - (quiet.To - quiet.From);
            if (quiet.From == quiet.To)
            {
                errors.Add(new JourneyError("$.sendPolicy.quietHours", $"Quiet hours from {quiet.From:HH\\:mm} to {quiet.To:HH\\:mm} are empty or last all day; either way they cannot be meant.", "Set \"from\" to when the night begins and \"to\" to when it ends, such as 21:00 and 08:00."));
            }
            else if (open < TimeSpan.FromHours(1))
            {
                errors.Add(new JourneyError("$.sendPolicy.quietHours", $"Quiet hours from {quiet.From:HH\\:mm} to {quiet.To:HH\\:mm} leave only {open.TotalMinutes:0} minutes a day to send.", "Check that \"from\" and \"to\" are not swapped."));
            }
        }

        if (journey.SendPolicy.FrequencyCap is { MaxSends: 0 })
        {
            errors.Add(new JourneyError("$.sendPolicy.frequencyCap.maxSends", "A frequency cap of 0 e-mails means no marketing e-mail can ever be sent.", "Allow at least 1, or remove the cap."));
        }
    }

    private static string EventName(JourneyEventType type) => JourneyEventTypes.Name(type);
}
