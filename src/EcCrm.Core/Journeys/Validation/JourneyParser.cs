using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Segments;
using EcCrm.Core.Tracking;

namespace EcCrm.Core.Journeys.Validation;

/// <summary>
/// Reads a journey document into a <see cref="JourneyDefinition"/>, collecting every structural mistake with its JSON
/// path instead of stopping at the first. It accepts exactly what <c>journeys/journey.schema.json</c> describes (tests
/// hold the two together); <see cref="JourneyValidator"/> adds the checks a schema cannot express.
/// </summary>
public static partial class JourneyParser
{
    public const int MaxNodes = 200;

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 };

    private static readonly Dictionary<string, RfmSegment> Segments = Enum.GetValues<RfmSegment>()
        .Where(segment => segment != RfmSegment.None)
        .ToDictionary(segment => JsonNamingPolicy.CamelCase.ConvertName(segment.ToString()), StringComparer.Ordinal);

    private static readonly Dictionary<string, ExitTrigger> ExitTriggers = Names<ExitTrigger>();
    private static readonly Dictionary<string, ReentryPolicy> ReentryPolicies = Names<ReentryPolicy>();
    private static readonly Dictionary<string, OrderMatch> OrderMatches = new(StringComparer.Ordinal) { ["first"] = OrderMatch.First, ["any"] = OrderMatch.Any };
    private static readonly Dictionary<string, ProfileDate> ProfileDates = Names<ProfileDate>();
    private static readonly Dictionary<string, JourneyEventType> EventTypes = Names<JourneyEventType>();
    private static readonly Dictionary<string, TrackedEventType> TrackedEventTypes = Names<TrackedEventType>();
    private const string EventChoices = "one of orderPlaced, emailDelivered, emailOpened, emailClicked, productViewed, addedToCart, checkoutStarted, searched, surveyAnswered";
    private static readonly Dictionary<string, SurveyKind> SurveyKinds = Names<SurveyKind>();
    private static readonly Dictionary<string, NpsGroup> NpsGroupNames = Names<NpsGroup>();
    private const string TriggerTypes = "one of inactivity, orderPlaced, event, segment, schedule";
    private static readonly Dictionary<string, JourneyEventType> MessageEvents = new(StringComparer.Ordinal)
    {
        ["delivered"] = JourneyEventType.EmailDelivered,
        ["opened"] = JourneyEventType.EmailOpened,
        ["clicked"] = JourneyEventType.EmailClicked,
    };

    private static readonly Dictionary<string, ProfileTrait> Traits = Names<ProfileTrait>();
    private static readonly Dictionary<string, CompareOperator> Operators = Names<CompareOperator>();
    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
    };

    private static readonly string[] DelayKinds = ["for", "until", "untilDate"];
    private static readonly string[] NodeTypes = ["delay", "waitFor", "split", "experiment", "send", "survey", "action", "exit"];

    /// <summary>The properties a journey may have at the top level.</summary>
    internal static readonly string[] TopLevelProperties = ["$schema", "id", "version", "name", "description", "entry", "exit", "goal", "sendPolicy", "start", "nodes"];

    /// <summary>The properties each type of node may have.</summary>
    private static readonly Dictionary<string, string[]> NodeProperties = new(StringComparer.Ordinal)
    {
        ["delay"] = ["id", "type", "description", "for", "until", "untilDate", "next"],
        ["waitFor"] = ["id", "type", "description", "branches", "timeout", "timeoutNext"],
        ["split"] = ["id", "type", "description", "branches", "else"],
        ["experiment"] = ["id", "type", "description", "salt", "arms"],
        ["send"] = ["id", "type", "description", "template", "subscriptionGroup", "transactional", "next"],
        ["survey"] = ["id", "type", "description", "template", "question", "choices", "followUp", "subscriptionGroup", "transactional", "next"],
        ["action"] = ["id", "type", "description", "action", "coupon", "tag", "attribute", "value", "next"],
        ["exit"] = ["id", "type", "description"],
    };

    /// <summary>The properties of an item of a waitFor's or a split's "branches" and of an experiment's "arms".</summary>
    private static readonly Dictionary<string, string[]> ItemProperties = new(StringComparer.Ordinal)
    {
        ["waitFor"] = ["event", "template", "next"],
        ["split"] = ["when", "next"],
        ["experiment"] = ["name", "weight", "next"],
    };
    private static readonly string[] ConditionKeys = ["all", "any", "not", "trait", "performed", "message", "inSegment", "randomBucket", "survey"];
    private const string IdHint = "lowercase letters, digits and dashes, starting with a letter or digit (such as \"winback-60\")";
    private const string TemplateHint = "a template id: the file name of a template without .liquid (letters, digits, dashes, dots, underscores)";

    /// <summary>Reads a journey from its JSON text.</summary>
    public static JourneyReadResult Parse(string json) => ParseWithPartial(json).Result;

    /// <summary>
    /// Reads a journey and, when it has mistakes, also the part that could be read: nodes that could not be read stand
    /// in as <see cref="UnreadNode"/>s at their positions, missing top-level values as placeholders. The validator runs
    /// the checks that stay meaningful on such a partial definition, so a marketer gets every mistake at once.
    /// </summary>
    internal static (JourneyReadResult Result, JourneyDefinition? Partial) ParseWithPartial(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $" at line {line + 1}, position {exception.BytePositionInLine + 1}" : string.Empty;
            return (new JourneyReadResult(null, [new JourneyError("$", $"The file is not valid JSON{where}.", "Check for a missing comma, quote or bracket just before that point.")]), null);
        }

        using (document)
        {
            var errors = new List<JourneyError>();
            var definition = Read(JsonSpot.Root(document.RootElement, errors), errors);
            return errors.Count == 0
                ? (new JourneyReadResult(definition, errors), definition)
                : (new JourneyReadResult(null, errors), definition);
        }
    }

    private static JourneyDefinition? Read(JsonSpot root, List<JourneyError> errors)
    {
        if (!root.Object("a journey is a JSON object", TopLevelProperties))
        {
            return null;
        }

        root["$schema"].String(null);
        var id = root["id"].String("a journey needs an id such as \"winback-60\"", IdPattern(), IdHint);
        var version = root["version"].Int("every published version of a journey has its own number, starting at 1", 1, 100_000);
        var name = root["name"].String("a journey needs a name marketers recognise");
        var description = root["description"].String(null);
        var entry = ReadEntry(root["entry"]);
        var exit = root["exit"].Array(null).Select(item => item.Choice(null, ExitTriggers)).OfType<ExitTrigger>().Distinct().ToList();
        var goal = ReadGoal(root["goal"]);
        var sendPolicy = ReadSendPolicy(root["sendPolicy"]);
        var nodesSpot = root["nodes"];
        var nodeSpots = nodesSpot.Array("a journey needs at least one node", 1, "\"nodes\" is empty: a journey needs at least one node.");
        if (nodeSpots.Count > MaxNodes)
        {
            nodesSpot.Fail($"A journey may have at most {MaxNodes} nodes, not {nodeSpots.Count}.", "Split it into several journeys.");
        }

        var nodes = new List<JourneyNode>();
        for (var i = 0; i < nodeSpots.Count; i++)
        {
            var errorsBefore = errors.Count;
            var node = ReadNode(nodeSpots[i]);
            nodes.Add(node is not null && errors.Count == errorsBefore ? node : Unread(nodeSpots[i], i));
            NameNode(errors, errorsBefore, WrittenId(nodeSpots[i]));
        }

        var start = root.Has("start") ? root["start"].String(null, IdPattern(), IdHint) : nodes.FirstOrDefault()?.Id;

        // With mistakes, this is only the partial definition the validator checks further; Parse does not return it.
        return new JourneyDefinition
        {
            Id = id ?? "journey",
            Version = version ?? 1,
            Name = name ?? string.Empty,
            Description = description,
            Entry = entry ?? new EntryRules(new InactivityTrigger(null, null), null, ReentryRules.Never, null),
            Exit = exit,
            Goal = goal,
            SendPolicy = sendPolicy,
            Start = start ?? "#0",
            Nodes = nodes,
        };
    }

    /// <summary>Makes each sentence about a node name it, since its path gives only its position: <c>Node "email-2": …</c>.</summary>
    private static void NameNode(List<JourneyError> errors, int first, string? id)
    {
        if (id is null)
        {
            return;
        }

        for (var i = first; i < errors.Count; i++)
        {
            errors[i] = errors[i] with { Message = $"Node \"{id}\": {errors[i].Message}" };
        }
    }

    /// <summary>The node's id as written, valid or not, so that a message can name the node the marketer sees.</summary>
    private static string? WrittenId(JsonSpot node) =>
        node.Kind == JsonValueKind.Object && node.Element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && id.GetString() is { Length: > 0 and <= 100 } text ? text : null;

    /// <summary>
    /// A node that could not be read, with what can still be told of it from the document: its type, its links when
    /// every one of them is a well-formed id (or absent), and a send's template.
    /// </summary>
    private static UnreadNode Unread(JsonSpot spot, int index)
    {
        var unread = new UnreadNode(NodeId(spot) ?? $"#{index}");
        if (spot.Kind != JsonValueKind.Object || !spot.Element.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String
            || typeElement.GetString() is not { } type || !NodeProperties.ContainsKey(type))
        {
            return unread;
        }

        var template = type is "send" or "survey" && spot.Element.TryGetProperty("template", out var written) && written.ValueKind == JsonValueKind.String
            && written.GetString() is { } text && TemplatePattern().IsMatch(text) ? text : null;
        return unread with { Type = type, Links = WrittenLinks(spot.Element, type), Template = template };
    }

    /// <summary>The links of a node as written, or <c>null</c> when any is malformed or a property (a misspelt "next", say) is unknown.</summary>
    private static List<(string? Target, string Path)>? WrittenLinks(JsonElement node, string type)
    {
        if (node.EnumerateObject().Any(property => !NodeProperties[type].Contains(property.Name, StringComparer.Ordinal)))
        {
            return null;
        }

        var links = new List<(string? Target, string Path)>();
        var items = type switch
        {
            "waitFor" or "split" => "branches",
            "experiment" => "arms",
            _ => null,
        };
        if (items is not null)
        {
            if (!node.TryGetProperty(items, out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || item.EnumerateObject().Any(property => !ItemProperties[type].Contains(property.Name, StringComparer.Ordinal))
                    || !WrittenLink(item, "next", $"{items}[{i}].next", links))
                {
                    return null;
                }

                i++;
            }
        }

        var single = type switch
        {
            "waitFor" => "timeoutNext",
            "split" => "else",
            "experiment" or "exit" => null,
            _ => "next",
        };
        return single is null || WrittenLink(node, single, single, links) ? links : null;
    }

    private static bool WrittenLink(JsonElement owner, string name, string path, List<(string? Target, string Path)> links)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            links.Add((null, path));
            return true;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } id && IdPattern().IsMatch(id))
        {
            links.Add((id, path));
            return true;
        }

        return false;
    }

    private static string? NodeId(JsonSpot node) =>
        node.Kind == JsonValueKind.Object && node.Element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && id.GetString() is { } text && IdPattern().IsMatch(text) ? text : null;

    private static EntryRules? ReadEntry(JsonSpot entry)
    {
        if (!entry.Object("it says who enters the journey, such as { \"trigger\": { \"type\": \"inactivity\", \"days\": 60 } }", "trigger", "filter", "reentry", "holdout"))
        {
            return null;
        }

        var trigger = ReadTrigger(entry["trigger"]);
        var filter = entry.Has("filter") ? ReadCondition(entry["filter"]) : null;
        var reentry = entry.Has("reentry") ? ReadReentry(entry["reentry"]) : ReentryRules.Never;
        HoldoutRules? holdout = null;
        var holdoutSpot = entry["holdout"];
        if (holdoutSpot.Object(null, "percent", "salt"))
        {
            var percent = holdoutSpot["percent"].Int("the share of entrants who receive nothing, such as 10", 0, 50);
            var salt = holdoutSpot["salt"].String("any fixed text that makes this journey's holdout independent of others, such as \"winback-2026\"");
            holdout = percent is { } p && salt is { } s ? new HoldoutRules(p, s) : null;
        }

        // With a mistake in the re-entry rules the definition is only the partial one the validator checks further; the
        // trigger it keeps lets the checks that depend on the trigger alone still run.
        return trigger is null ? null : new EntryRules(trigger, filter, reentry ?? ReentryRules.Never, holdout);
    }

    private static EntryTrigger? ReadTrigger(JsonSpot trigger)
    {
        if (trigger.Kind != JsonValueKind.Object)
        {
            trigger.Object("it says what makes a customer enter, such as { \"type\": \"inactivity\", \"days\": 60 }");
            return null;
        }

        var type = trigger["type"].String(TriggerTypes);
        switch (type)
        {
            case null:
                return null;
            case "inactivity":
                trigger.Object(null, "type", "days", "intervals");
                var days = trigger["days"].Int(null, 1, 3650);
                var intervals = trigger["intervals"].Decimal(null, 0.5m, 20m);
                if (!trigger.Has("days") && !trigger.Has("intervals"))
                {
                    trigger.Fail("An inactivity trigger needs \"days\" (no order for that many days) or \"intervals\" (that many times the customer's usual re-order interval), or both.", "Add \"days\": 60.");
                    return null;
                }

                return new InactivityTrigger(days, intervals is { } n ? (double)n : null);
            case "orderPlaced":
                trigger.Object(null, "type", "which", "productIds", "categories");
                var which = trigger.Has("which") ? trigger["which"].Choice(null, OrderMatches) : OrderMatch.Any;
                return which is null ? null : new OrderPlacedTrigger(which.Value, Strings(trigger["productIds"]), Strings(trigger["categories"]));
            case "event":
                trigger.Object(null, "type", "event", "minValue", "productIds");
                var tracked = trigger["event"].Choice("the shop event that makes a customer enter: one of productViewed, addedToCart, checkoutStarted, searched", TrackedEventTypes);
                var minValue = trigger.Has("minValue") ? trigger["minValue"].Decimal(null, 0m, 100_000_000m) : null;
                if (tracked == TrackedEventType.Searched && (trigger.Has("minValue") || trigger.Has("productIds")))
                {
                    trigger[trigger.Has("minValue") ? "minValue" : "productIds"].Fail("A search has no value and no products, so this filter would keep every customer out.", "Remove it, or enter on productViewed, addedToCart or checkoutStarted.");
                    return null;
                }

                return tracked is null || (trigger.Has("minValue") && minValue is null) ? null : new EventTrigger(tracked.Value, minValue, Strings(trigger["productIds"]));
            case "segment":
                trigger.Object(null, "type", "segments");
                var segments = SegmentList(trigger["segments"], "the RFM segments whose customers enter, such as [\"atRisk\"]");
                return segments.Count == 0 ? null : new SegmentTrigger(segments);
            case "schedule":
                trigger.Object(null, "type", "cron", "segments");
                var cron = trigger["cron"].String("a cron expression in the shop's time zone, such as \"0 9 * * MON\"");
                var scheduleSegments = trigger.Has("segments") ? SegmentList(trigger["segments"], null) : [];
                return cron is null ? null : new ScheduleTrigger(cron, scheduleSegments);
            default:
                trigger["type"].Fail($"\"type\" must be {TriggerTypes}; \"{type}\" is not one of them.", Suggestions.DidYouMean(type, ["inactivity", "orderPlaced", "event", "segment", "schedule"]));
                return null;
        }
    }

    private static ReentryRules? ReadReentry(JsonSpot reentry)
    {
        if (!reentry.Object(null, "policy", "cooldownDays", "maxEntries"))
        {
            return null;
        }

        var policy = reentry["policy"].Choice("one of never, cooldown, afterExit", ReentryPolicies);
        var cooldown = reentry["cooldownDays"].Int(null, 1, 3650);
        var max = reentry["maxEntries"].Int(null, 1, 1000);
        if (policy == ReentryPolicy.Cooldown && !reentry.Has("cooldownDays"))
        {
            reentry.Fail("A cooldown re-entry policy needs \"cooldownDays\": how long after entering a customer may enter again.", "Add \"cooldownDays\": 90.");
            return null;
        }

        return policy is null ? null : new ReentryRules(policy.Value, cooldown, max);
    }

    private static JourneyGoal? ReadGoal(JsonSpot goal) =>
        goal.Object(null, "orderWithinDays") && goal["orderWithinDays"].Int("how many days after entry an order counts as a conversion, such as 14", 1, 365) is { } days
            ? new JourneyGoal(days)
            : null;

    private static SendRules ReadSendPolicy(JsonSpot policy)
    {
        if (!policy.Object(null, "quietHours", "frequencyCap", "priority"))
        {
            return SendRules.None;
        }

        QuietHours? quiet = null;
        var quietSpot = policy["quietHours"];
        if (quietSpot.Object(null, "from", "to"))
        {
            var from = Time(quietSpot["from"], "when quiet hours begin, customer-local, such as \"21:00\"");
            var to = Time(quietSpot["to"], "when quiet hours end, customer-local, such as \"08:00\"");
            quiet = from is { } f && to is { } t ? new QuietHours(f, t) : null;
        }

        FrequencyCap? cap = null;
        var capSpot = policy["frequencyCap"];
        if (capSpot.Object(null, "maxSends", "perDays"))
        {
            var max = capSpot["maxSends"].Int("the most marketing e-mails a customer gets in the period, across journeys", 0, 100);
            var per = capSpot["perDays"].Int("the length of the period in days", 1, 365);
            cap = max is { } m && per is { } p ? new FrequencyCap(m, p) : null;
        }

        var priority = policy.Has("priority")
            ? policy["priority"].Int(null, SendRules.FirstPriority, SendRules.LastPriority) ?? SendRules.FirstPriority
            : SendRules.FirstPriority;
        return new SendRules(quiet, cap) { Priority = priority };
    }

    private static JourneyNode? ReadNode(JsonSpot node)
    {
        if (node.Kind != JsonValueKind.Object)
        {
            node.Object(null);
            return null;
        }

        var id = node["id"].String("every node needs an id that other nodes can point to", IdPattern(), IdHint);
        var type = node["type"].String($"one of {string.Join(", ", NodeTypes)}");
        if (type is null)
        {
            return null;
        }

        switch (type)
        {
            case "delay":
                node.Object(null, NodeProperties["delay"]);
                var delay = ReadDelay(node);
                var delayNext = Next(node["next"]);
                return id is null || delay is null ? null : new DelayNode(id, delay, delayNext);
            case "waitFor":
                node.Object(null, NodeProperties["waitFor"]);
                var branches = node["branches"].Array("the events to wait for, such as [{ \"event\": \"emailOpened\", \"template\": \"winback-1\", \"next\": \"thanks\" }]", 1)
                    .Select(ReadWaitBranch).ToList();
                var timeout = Duration(node["timeout"], "how long to wait before giving up, such as \"3d\"", allowNegative: false);
                var timeoutNext = Next(node["timeoutNext"]);
                return id is null || timeout is null || branches.Contains(null) ? null : new WaitForNode(id, branches!, timeout.Value, timeoutNext);
            case "split":
                node.Object(null, NodeProperties["split"]);
                var splitBranches = node["branches"].Array("the conditions in order, such as [{ \"when\": { \"inSegment\": [\"champions\"] }, \"next\": \"vip\" }]", 1)
                    .Select(ReadSplitBranch).ToList();
                var otherwise = Next(node["else"]);
                return id is null || splitBranches.Contains(null) ? null : new SplitNode(id, splitBranches!, otherwise);
            case "experiment":
                node.Object(null, NodeProperties["experiment"]);
                var salt = node["salt"].String("any fixed text that makes this experiment's assignment independent of others, such as \"subject-test-1\"");
                var arms = node["arms"].Array("the arms with their weights, such as [{ \"name\": \"a\", \"weight\": 50, \"next\": \"email-a\" }, …]", 2, "An experiment needs at least 2 arms.")
                    .Select(ReadArm).ToList();
                return id is null || salt is null || arms.Contains(null) ? null : new ExperimentNode(id, salt, arms!);
            case "send":
                node.Object(null, NodeProperties["send"]);
                var template = node["template"].String("the id of the e-mail template to send (its file name under templates/ without .liquid)", TemplatePattern(), TemplateHint);
                var group = node.Has("subscriptionGroup") ? node["subscriptionGroup"].String(null, IdPattern(), IdHint) : "marketing";
                var transactional = node.Has("transactional") ? node["transactional"].Bool() : false;
                var sendNext = Next(node["next"]);
                return id is null || template is null || group is null || transactional is null ? null : new SendNode(id, template, group, transactional.Value, sendNext);
            case "survey":
                node.Object(null, NodeProperties["survey"]);
                var surveyTemplate = node["template"].String("the id of the e-mail template that asks the question (its file name under templates/ without .liquid)", TemplatePattern(), TemplateHint);
                var question = ReadQuestion(node);
                var surveyGroup = node.Has("subscriptionGroup") ? node["subscriptionGroup"].String(null, IdPattern(), IdHint) : "marketing";
                var surveyTransactional = node.Has("transactional") ? node["transactional"].Bool() : false;
                var surveyNext = Next(node["next"]);
                return id is null || surveyTemplate is null || question is null || surveyGroup is null || surveyTransactional is null ? null
                    : new SendNode(id, surveyTemplate, surveyGroup, surveyTransactional.Value, surveyNext, question);
            case "action":
                node.Object(null, NodeProperties["action"]);
                var action = ReadAction(node);
                var actionNext = Next(node["next"]);
                return id is null || action is null ? null : new ActionNode(id, action, actionNext);
            case "exit":
                node.Object(null, NodeProperties["exit"]);
                return id is null ? null : new ExitNode(id);
            default:
                node["type"].Fail($"\"type\" must be one of {string.Join(", ", NodeTypes)}; \"{type}\" is not one of them.", Suggestions.DidYouMean(type, NodeTypes));
                return null;
        }
    }

    /// <summary>A survey's question: <c>"question": "nps"</c>, or <c>"question": "choice"</c> with its <c>"choices"</c> ids.</summary>
    private static SurveyQuestion? ReadQuestion(JsonSpot node)
    {
        var kind = node["question"].Choice("what the survey asks: \"nps\" (a score from 0 to 10) or \"choice\" (one of \"choices\")", SurveyKinds);
        var followUp = node.Has("followUp") ? node["followUp"].Bool() : false;
        if (kind == SurveyKind.Nps && node.Has("choices"))
        {
            node["choices"].Fail("An NPS survey's answers are the scores 0 to 10; \"choices\" belong to a \"choice\" survey.", "Remove \"choices\", or make \"question\": \"choice\".");
            return null;
        }

        List<string?> choices = [];
        if (kind == SurveyKind.Choice)
        {
            var list = node["choices"].Array("the answers, as short ids such as [\"fast\", \"on-time\", \"late\"]", 2, "A choice survey offers at least 2 choices.");
            if (list.Count > SurveyQuestion.MaxChoices)
            {
                node["choices"].Fail($"A choice survey offers at most {SurveyQuestion.MaxChoices} choices, each a link in the e-mail; this one has {list.Count}.");
                return null;
            }

            choices = [.. list.Select(choice => choice.String(null, IdPattern(), IdHint))];
            for (var i = 0; i < choices.Count; i++)
            {
                if (choices[i] is { } choice && choices.Take(i).Contains(choice, StringComparer.Ordinal))
                {
                    list[i].Fail($"The choice \"{choice}\" is listed twice.");
                    return null;
                }
            }

            if (list.Count < 2)
            {
                return null;
            }
        }

        return kind is null || followUp is null || choices.Contains(null) ? null : new SurveyQuestion(kind.Value, [.. choices.OfType<string>()], followUp.Value);
    }

    private static DelaySpec? ReadDelay(JsonSpot node)
    {
        var kinds = DelayKinds.Where(node.Has).ToList();
        if (kinds.Count != 1)
        {
            node.Fail(
                kinds.Count == 0 ? "A delay needs one of \"for\", \"until\" or \"untilDate\"." : $"A delay takes only one of \"for\", \"until\" and \"untilDate\", not {string.Join(" and ", kinds.Select(k => $"\"{k}\""))}.",
                "Such as \"for\": \"3d\", or \"until\": { \"time\": \"10:00\", \"weekdays\": [\"tue\", \"thu\"] }.");
            return null;
        }

        switch (kinds[0])
        {
            case "for":
                return Duration(node["for"], null, allowNegative: false) is { } span ? new DelayFor(span) : null;
            case "until":
                var until = node["until"];
                if (!until.Object(null, "time", "weekdays"))
                {
                    return null;
                }

                var time = Time(until["time"], "the customer-local time to wait for, such as \"10:00\"");
                var days = until.Has("weekdays")
                    ? until["weekdays"].Array(null).Select(day => day.Choice(null, Weekdays)).OfType<DayOfWeek>().Distinct().ToList()
                    : [.. Enum.GetValues<DayOfWeek>()];
                return time is null ? null : new DelayUntilLocalTime(time.Value, days);
            default:
                var date = node["untilDate"];
                if (!date.Object(null, "field", "offset", "time", "fallback"))
                {
                    return null;
                }

                var field = date["field"].Choice("the profile date to wait for: predictedNextOrderAt, lastOrderAt or firstOrderAt", ProfileDates);
                var offset = date.Has("offset") ? Duration(date["offset"], null, allowNegative: true) : default(JourneyDuration);
                var at = date.Has("time") ? Time(date["time"], null) : null;
                var fallback = date.Has("fallback") ? Duration(date["fallback"], null, allowNegative: false) : null;
                return field is null || offset is null || (date.Has("time") && at is null) || (date.Has("fallback") && fallback is null)
                    ? null
                    : new DelayUntilProfileDate(field.Value, offset.Value, at, fallback);
        }
    }

    private static WaitBranch? ReadWaitBranch(JsonSpot branch)
    {
        if (!branch.Object(null, ItemProperties["waitFor"]))
        {
            return null;
        }

        var type = branch["event"].Choice(EventChoices, EventTypes);
        var template = branch["template"].String(null, TemplatePattern(), TemplateHint);
        if (type is { } email && JourneyEventTypes.IsEmail(email) && template is null && !branch.Has("template"))
        {
            branch.Fail("An e-mail event names the \"template\" of the e-mail it belongs to.", "Add \"template\": the id of an e-mail sent before this node.");
            return null;
        }

        if (type is { } other && !JourneyEventTypes.IsEmail(other) && branch.Has("template"))
        {
            branch["template"].Fail($"Only e-mail events belong to a template; {JourneyEventTypes.Name(other)} does not.", "Remove \"template\" from this branch.");
            return null;
        }

        return type is null ? null : new WaitBranch(type.Value, template, Next(branch["next"]));
    }

    private static SplitBranch? ReadSplitBranch(JsonSpot branch)
    {
        if (!branch.Object(null, ItemProperties["split"]))
        {
            return null;
        }

        var when = branch["when"];
        if (!when.Exists)
        {
            when.Object("the condition for this branch, such as { \"trait\": \"orderCount\", \"op\": \"gte\", \"value\": 2 }");
            return null;
        }

        var condition = ReadCondition(when);
        var next = Next(branch["next"]);
        return condition is null ? null : new SplitBranch(condition, next);
    }

    private static ExperimentArm? ReadArm(JsonSpot arm)
    {
        if (!arm.Object(null, ItemProperties["experiment"]))
        {
            return null;
        }

        var name = arm["name"].String("a short name for the arm, such as \"a\"", IdPattern(), IdHint);
        var weight = arm["weight"].Int("the arm's share in percent, such as 50", 0, 100);
        var next = Next(arm["next"]);
        return name is null || weight is null ? null : new ExperimentArm(name, weight.Value, next);
    }

    private static JourneyAction? ReadAction(JsonSpot node)
    {
        var kind = node["action"].String("one of createCoupon, tagProfile, updateProfile, alertShop");
        switch (kind)
        {
            case null:
                return null;
            case "createCoupon":
                var coupon = node["coupon"];
                if (!coupon.Object("what the coupon is worth, such as { \"percentOff\": 15, \"validDays\": 14 }", "percentOff", "amountOff", "validDays", "prefix"))
                {
                    return null;
                }

                var percent = coupon["percentOff"].Decimal(null, 1m, 100m);
                var amount = coupon["amountOff"].Decimal(null, 0.01m, 100_000m);
                var validDays = coupon["validDays"].Int("how many days the coupon can be used, such as 14", 1, 365);
                var prefix = coupon.Has("prefix") ? coupon["prefix"].String(null, CouponPrefixPattern(), "2 to 12 capital letters or digits, such as \"BACK\"") : "EC";
                if (coupon.Has("percentOff") == coupon.Has("amountOff"))
                {
                    coupon.Fail("A coupon takes exactly one of \"percentOff\" and \"amountOff\".", "Such as \"percentOff\": 15.");
                    return null;
                }

                return validDays is null || prefix is null || (percent is null && amount is null) ? null : new CreateCouponAction(percent, amount, validDays.Value, prefix);
            case "tagProfile":
                var tag = node["tag"].String("the tag to add to the profile, such as \"winback-2026\"");
                return tag is null ? null : new TagProfileAction(tag);
            case "updateProfile":
                var attribute = node["attribute"].String("the profile attribute to set, such as \"winbackStage\"", AttributePattern(), "letters, digits and underscores, starting with a letter");
                var value = node["value"].String("the value to set, as text");
                return attribute is null || value is null ? null : new UpdateProfileAction(attribute, value);
            case "alertShop":
                return new AlertShopAction();
            default:
                node["action"].Fail($"\"action\" must be one of createCoupon, tagProfile, updateProfile, alertShop; \"{kind}\" is not one of them.", Suggestions.DidYouMean(kind, ["createCoupon", "tagProfile", "updateProfile", "alertShop"]));
                return null;
        }
    }

    private static Condition? ReadCondition(JsonSpot spot)
    {
        if (spot.Kind != JsonValueKind.Object)
        {
            spot.Object("a condition");
            return null;
        }

        var keys = ConditionKeys.Where(spot.Has).ToList();
        if (keys.Count != 1)
        {
            if (keys.Count == 0)
            {
                spot.Object(null, ConditionKeys);
            }

            spot.Fail(
                keys.Count == 0 ? $"A condition needs one of {string.Join(", ", ConditionKeys)}." : $"A condition asks one question; this one has {string.Join(" and ", keys.Select(k => $"\"{k}\""))}.",
                keys.Count == 0 ? null : "Combine them with { \"all\": [ … ] } or { \"any\": [ … ] }.");
            return null;
        }

        switch (keys[0])
        {
            case "all" or "any":
                spot.Object(null, keys[0]);
                var parts = spot[keys[0]].Array(null, 1).Select(ReadCondition).ToList();
                return parts.Contains(null) || parts.Count == 0 ? null
                    : keys[0] == "all" ? new AllCondition(parts!) : new AnyCondition(parts!);
            case "not":
                spot.Object(null, "not");
                return ReadCondition(spot["not"]) is { } inner ? new NotCondition(inner) : null;
            case "trait":
                return ReadTrait(spot);
            case "performed":
                spot.Object(null, "performed", "withinDays", "minCount");
                var performed = spot["performed"].Choice(null, EventTypes);
                var within = spot["withinDays"].Int(null, 1, 3650);
                var minCount = spot.Has("minCount") ? spot["minCount"].Int(null, 1, 1000) : 1;
                return performed is null || minCount is null || (spot.Has("withinDays") && within is null) ? null : new PerformedCondition(performed.Value, within, minCount.Value);
            case "message":
                spot.Object(null, "message", "template");
                var message = spot["message"].Choice(null, MessageEvents);
                var template = spot["template"].String("the template of the e-mail the event belongs to", TemplatePattern(), TemplateHint);
                return message is null || template is null ? null : new MessageCondition(message.Value, template);
            case "survey":
                spot.Object(null, "survey", "nps", "choice");
                var survey = spot["survey"].String("the id of the survey step asked about", IdPattern(), IdHint);
                var group = spot.Has("nps") ? spot["nps"].Choice("one of detractor, passive, promoter", NpsGroupNames) : null;
                var answers = spot["choice"].Array(null).Select(choice => choice.String(null, IdPattern(), IdHint)).ToList();
                if (spot.Has("nps") && spot.Has("choice"))
                {
                    spot.Fail("A survey condition asks about an NPS group or about choices, not both.", "Keep \"nps\" for an NPS survey, \"choice\" for a choice survey.");
                    return null;
                }

                return survey is null || (spot.Has("nps") && group is null) || answers.Contains(null) ? null : new SurveyCondition(survey, group, [.. answers.OfType<string>()]);
            case "inSegment":
                spot.Object(null, "inSegment");
                var segments = SegmentList(spot["inSegment"], null);
                return segments.Count == 0 ? null : new SegmentCondition(segments);
            default:
                spot.Object(null, "randomBucket");
                var bucket = spot["randomBucket"];
                if (!bucket.Object(null, "below", "salt"))
                {
                    return null;
                }

                var below = bucket["below"].Int("the bucket (0–99) below which the condition holds, such as 50 for half", 0, 100);
                var salt = bucket["salt"].String("any fixed text that makes these buckets independent of others");
                return below is null || salt is null ? null : new RandomBucketCondition(below.Value, salt);
        }
    }

    private static TraitCondition? ReadTrait(JsonSpot spot)
    {
        spot.Object(null, "trait", "attribute", "op", "value");
        var trait = spot["trait"].Choice(null, Traits);
        var op = spot["op"].Choice("the comparison: one of eq, ne, gt, gte, lt, lte, contains, notContains", Operators);
        var attribute = spot["attribute"].String(null, AttributePattern(), "letters, digits and underscores, starting with a letter");
        if (trait == ProfileTrait.Attribute && !spot.Has("attribute"))
        {
            spot.Fail("A condition on a profile attribute names it in \"attribute\".", "Add \"attribute\": \"skinType\", say.");
            return null;
        }

        var value = spot["value"];
        if (trait is null || op is null)
        {
            return null;
        }

        var numeric = trait.Value is ProfileTrait.OrderCount or ProfileTrait.Revenue or ProfileTrait.AverageDaysBetweenOrders or ProfileTrait.DaysSinceLastOrder or ProfileTrait.DaysSinceFirstOrder;
        var list = trait.Value is ProfileTrait.Tags or ProfileTrait.Categories;
        var name = JsonNamingPolicy.CamelCase.ConvertName(trait.Value.ToString());
        if (list && op is not (CompareOperator.Contains or CompareOperator.NotContains))
        {
            spot["op"].Fail($"\"{name}\" is a list: compare it with contains or notContains, not {JsonNamingPolicy.CamelCase.ConvertName(op.Value.ToString())}.", "Use \"op\": \"contains\".");
            return null;
        }

        if (!list && op is CompareOperator.Contains or CompareOperator.NotContains)
        {
            spot["op"].Fail($"contains and notContains compare lists (tags, categories); \"{name}\" is a single value.", "Use eq, ne, gt, gte, lt or lte.");
            return null;
        }

        if (numeric)
        {
            var number = value.Decimal("the number to compare with", decimal.MinValue, decimal.MaxValue);
            return number is null ? null : new TraitCondition(trait.Value, null, op.Value, number, null, null);
        }

        if (!numeric && op is CompareOperator.Gt or CompareOperator.Gte or CompareOperator.Lt or CompareOperator.Lte && trait != ProfileTrait.Attribute)
        {
            spot["op"].Fail($"\"{name}\" is text: compare it with eq or ne.", "Use \"op\": \"eq\".");
            return null;
        }

        switch (value.Kind)
        {
            case JsonValueKind.String:
                return new TraitCondition(trait.Value, attribute, op.Value, null, value.String(null), null);
            case JsonValueKind.Number when trait == ProfileTrait.Attribute:
                return new TraitCondition(trait.Value, attribute, op.Value, value.Decimal(null, decimal.MinValue, decimal.MaxValue), null, null);
            case JsonValueKind.True or JsonValueKind.False when trait == ProfileTrait.Attribute:
                return new TraitCondition(trait.Value, attribute, op.Value, null, null, value.Bool());
            default:
                value.String("the text to compare with");
                return null;
        }
    }

    private static string? Next(JsonSpot next) => next.Exists ? next.String(null, IdPattern(), IdHint) : null;

    private static IReadOnlyList<string> Strings(JsonSpot list) => [.. list.Array(null).Select(item => item.String(null)).OfType<string>()];

    private static List<RfmSegment> SegmentList(JsonSpot list, string? missing) =>
        [.. list.Array(missing, 1).Select(item => item.Choice(null, Segments)).OfType<RfmSegment>().Distinct()];

    private static TimeOnly? Time(JsonSpot spot, string? missing)
    {
        var text = spot.String(missing, TimePattern(), "a 24-hour time such as \"09:30\"");
        return text is null ? null : TimeOnly.ParseExact(text, "HH:mm", CultureInfo.InvariantCulture);
    }

    private static JourneyDuration? Duration(JsonSpot spot, string? missing, bool allowNegative)
    {
        var text = spot.String(missing ?? "a duration such as \"3d\", \"12h\" or \"1d12h\"");
        if (text is null)
        {
            return null;
        }

        if (!JourneyDuration.TryParse(text, out var duration) || (duration.Negative && !allowNegative))
        {
            spot.Fail(
                $"{spot.Name} must be a duration such as \"3d\", \"12h\", \"1d12h\" or \"30m\"{(allowNegative ? " (\"-2d\" for before)" : string.Empty)}, not \"{text}\".",
                duration.Negative && !allowNegative ? "A wait cannot be negative." : "Write days, then hours, then minutes, each as a number followed by d, h or m.");
            return null;
        }

        return duration;
    }

    private static Dictionary<string, T> Names<T>()
        where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(value => JsonNamingPolicy.CamelCase.ConvertName(value.ToString()), StringComparer.Ordinal);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    internal static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    internal static partial Regex TemplatePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex AttributePattern();

    [GeneratedRegex("^[A-Z0-9]{2,12}$")]
    private static partial Regex CouponPrefixPattern();

    [GeneratedRegex("^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    private static partial Regex TimePattern();
}
