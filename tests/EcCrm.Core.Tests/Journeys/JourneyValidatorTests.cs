using System.Globalization;
using System.Text.Json.Nodes;
using EcCrm.Core.Journeys.Validation;
using NJsonSchema;

namespace EcCrm.Core.Tests.Journeys;

public class JourneyValidatorTests
{
    private static readonly HashSet<string> Templates = ["t1", "t2"];

    private const string Base = """
        {
          "$schema": "./journey.schema.json",
          "id": "base",
          "version": 1,
          "name": "Base",
          "entry": { "trigger": { "type": "inactivity", "days": 60 }, "holdout": { "percent": 10, "salt": "s" } },
          "exit": ["orderPlaced"],
          "goal": { "orderWithinDays": 30 },
          "sendPolicy": { "quietHours": { "from": "21:00", "to": "08:00" }, "frequencyCap": { "maxSends": 2, "perDays": 7 } },
          "nodes": [
            { "id": "email-1", "type": "send", "template": "t1", "next": "wait" },
            { "id": "wait", "type": "delay", "for": "3d", "next": "opened" },
            { "id": "opened", "type": "waitFor", "branches": [{ "event": "emailOpened", "template": "t1", "next": "email-2" }], "timeout": "2d", "timeoutNext": "test" },
            { "id": "test", "type": "experiment", "salt": "x", "arms": [{ "name": "a", "weight": 50, "next": "email-2" }, { "name": "b", "weight": 50, "next": "morning" }] },
            { "id": "morning", "type": "delay", "until": { "time": "10:00", "weekdays": ["tue"] }, "next": "email-2" },
            { "id": "email-2", "type": "send", "template": "t2", "next": "done" },
            { "id": "done", "type": "exit" }
          ]
        }
        """;

    /// <summary>Mistakes, each with the one error it must produce: a name, a change to the valid journey, the path, the message and the fix.</summary>
    public static TheoryData<string, Action<JsonObject>, string, string, string?> Mistakes => new()
    {
        {
            "misspelt property", j => Rename(Node(j, 0), "template", "tempalte"),
            "$.nodes[0].tempalte", "Node \"email-1\": Unknown property \"tempalte\".", "Did you mean \"template\"?"
        },
        {
            "unknown node type", j => Node(j, 1)["type"] = "wait",
            "$.nodes[1].type", "Node \"wait\": \"type\" must be one of delay, waitFor, split, experiment, send, survey, action, exit; \"wait\" is not one of them.", "Did you mean \"waitFor\"?"
        },
        {
            "version as text", j => j["version"] = "1",
            "$.version", "\"version\" must be a whole number, not the string \"1\".", null
        },
        {
            "id with spaces", j => j["id"] = "Win Back",
            "$.id", "\"id\" must be lowercase letters, digits and dashes, starting with a letter or digit (such as \"winback-60\"), not \"Win Back\".", null
        },
        {
            "duration in words", j => Node(j, 1)["for"] = "3 days",
            "$.nodes[1].for", "Node \"wait\": \"for\" must be a duration such as \"3d\", \"12h\", \"1d12h\" or \"30m\", not \"3 days\".", "Write days, then hours, then minutes, each as a number followed by d, h or m."
        },
        {
            "hour 25", j => j["sendPolicy"]!["quietHours"]!["from"] = "25:00",
            "$.sendPolicy.quietHours.from", "\"from\" must be a 24-hour time such as \"09:30\", not \"25:00\".", null
        },
        {
            "misspelt segment", j => j["entry"]!["trigger"] = JsonNode.Parse("""{ "type": "segment", "segments": ["atrisk"] }"""),
            "$.entry.trigger.segments[0]", "item 1 of \"segments\" must be one of champions, loyal, potentialLoyalist, new, promising, needsAttention, aboutToSleep, atRisk, cannotLoseThem, hibernating, lost; \"atrisk\" is not one of them.", "Did you mean \"atRisk\"?"
        },
        {
            "two kinds of delay", j => Node(j, 1)["until"] = JsonNode.Parse("""{ "time": "10:00" }"""),
            "$.nodes[1]", "Node \"wait\": A delay takes only one of \"for\", \"until\" and \"untilDate\", not \"for\" and \"until\".", "Such as \"for\": \"3d\", or \"until\": { \"time\": \"10:00\", \"weekdays\": [\"tue\", \"thu\"] }."
        },
        {
            "no entry", j => j.Remove("entry"),
            "$.entry", "Missing \"entry\": it says who enters the journey, such as { \"trigger\": { \"type\": \"inactivity\", \"days\": 60 } }.", null
        },
        {
            "next to a misspelt node", j => Node(j, 0)["next"] = "wiat",
            "$.nodes[0].next", "Node \"email-1\" leads to \"wiat\", but there is no node with that id.", "Did you mean \"wait\"?"
        },
        {
            "unreachable node", j => Nodes(j).Add(JsonNode.Parse("""{ "id": "orphan", "type": "send", "template": "t1" }""")),
            "$.nodes[7]", "Node \"orphan\" can never be reached: no path from the start (\"email-1\") leads to it.", "Point a \"next\" at it, or remove it."
        },
        {
            "loop without a wait", j => { Node(j, 5)["next"] = "tag"; Nodes(j).Add(JsonNode.Parse("""{ "id": "tag", "type": "action", "action": "tagProfile", "tag": "x", "next": "email-2" }""")); },
            "$.nodes[5]", "Nodes \"email-2\" → \"tag\" → \"email-2\" form a loop with no delay or waitFor in it, so a customer would go round it without end.", "Put a delay or a waitFor in the loop, or lead one of its branches out of it."
        },
        {
            "waiting for an e-mail never sent", j => Node(j, 2)["branches"]![0]!["template"] = "t2",
            "$.nodes[2].branches[0].template", "Node \"opened\" waits for emailOpened on \"t2\", but no send node before it sends \"t2\", so that event can never arrive.", "E-mails sent before it: t1."
        },
        {
            "waiting for an order that exits the journey", j => Node(j, 2)["branches"] = JsonNode.Parse("""[{ "event": "orderPlaced", "next": "email-2" }]"""),
            "$.nodes[2].branches[0].event", "Node \"opened\" waits for orderPlaced, but the journey exits on orderPlaced first, so this branch can never be taken.", "Remove \"orderPlaced\" from \"exit\", or remove this branch."
        },
        {
            "unknown template", j => Node(j, 5)["template"] = "t3",
            "$.nodes[5].template", "Node \"email-2\" sends the e-mail template \"t3\", which does not exist.", "Did you mean \"t1\"?"
        },
        {
            "weights that do not add up", j => Node(j, 3)["arms"]![1]!["weight"] = 40,
            "$.nodes[3].arms", "The weights of experiment \"test\" add up to 90; they must add up to 100.", "Adjust the weights (50 + 40)."
        },
        {
            "a delay with no weekday", j => Node(j, 4)["until"]!["weekdays"] = new JsonArray(),
            "$.nodes[4].until.weekdays", "Delay \"morning\" lists no weekday, so it can never end.", "List the days it may end on, such as [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"], or leave \"weekdays\" out for every day."
        },
        {
            "quiet all day", j => j["sendPolicy"]!["quietHours"]!["to"] = "21:00",
            "$.sendPolicy.quietHours", "Quiet hours from 21:00 to 21:00 are empty or last all day; either way they cannot be meant.", "Set \"from\" to when the night begins and \"to\" to when it ends, such as 21:00 and 08:00."
        },
        {
            "holdout without a goal", j => j.Remove("goal"),
            "$.entry.holdout", "A holdout measures the journey's effect on orders, but the journey has no goal to measure.", "Add \"goal\": { \"orderWithinDays\": 30 }, or remove the holdout."
        },
        {
            "invalid cron", j => j["entry"]!["trigger"] = JsonNode.Parse("""{ "type": "schedule", "cron": "0 9 * * FUNDAY" }"""),
            "$.entry.trigger.cron", null!, "Write five fields: minute hour day-of-month month day-of-week, such as \"0 9 * * MON\"."
        },
        {
            "duplicate node id", j => Node(j, 6)["id"] = "wait",
            "$.nodes[6].id", "Node id \"wait\" is already used by $.nodes[1].", "Give every node its own id."
        },
        {
            "left segment without a segment", j => ((JsonArray)j["exit"]!).Add("leftSegment"),
            "$.exit[1]", "\"leftSegment\" needs an entry trigger with segments, so the journey knows which segment the customer could leave.", "Use a segment trigger, or remove \"leftSegment\"."
        },
        {
            "a cap of nothing", j => j["sendPolicy"]!["frequencyCap"]!["maxSends"] = 0,
            "$.sendPolicy.frequencyCap.maxSends", "A frequency cap of 0 e-mails means no marketing e-mail can ever be sent.", "Allow at least 1, or remove the cap."
        },
        {
            "predicted date for first-time buyers", j =>
            {
                j["entry"]!["trigger"] = JsonNode.Parse("""{ "type": "orderPlaced", "which": "first" }""");
                Node(j, 4).Remove("until");
                Node(j, 4)["untilDate"] = JsonNode.Parse("""{ "field": "predictedNextOrderAt" }""");
            },
            "$.nodes[4].untilDate", "Delay \"morning\" waits for the predicted next order, which is never known for customers entering on their first order (it needs two orders), so it can never end.", "Add \"fallback\": \"30d\", or wait \"for\" a fixed time."
        },
        {
            "contains on a number", j => { Node(j, 3)["type"] = "split"; Node(j, 3).Remove("salt"); Node(j, 3).Remove("arms"); Node(j, 3)["branches"] = JsonNode.Parse("""[{ "when": { "trait": "orderCount", "op": "contains", "value": 2 }, "next": "email-2" }]"""); Node(j, 3)["else"] = "morning"; },
            "$.nodes[3].branches[0].when.op", "Node \"test\": contains and notContains compare lists (tags, categories); \"orderCount\" is a single value.", "Use eq, ne, gt, gte, lt or lte."
        },
        {
            "a loop that never ends", j => { j.Remove("exit"); Node(j, 5)["next"] = "wait"; },
            "$.nodes[1]", "Nodes \"wait\", \"opened\", \"test\", \"morning\" and \"email-2\" form a loop a customer can never leave for an exit node or a node without \"next\", and no exit trigger ends it (only \"orderPlaced\" or \"leftSegment\" would). A customer in it gets \"t2\" on every round until the loop guard stops the enrollment after 100 visits of a node.",
            "Lead a branch out of the loop to an exit node (a split on { \"performed\": \"emailDelivered\", \"minCount\": 3 }, say), or add \"orderPlaced\" to \"exit\" to end it when the customer orders."
        },
        {
            "a loop that never ends behind an experiment arm", j => { j.Remove("exit"); Node(j, 4)["next"] = "test"; },
            "$.nodes[3]", "Nodes \"test\" and \"morning\" form a loop a customer can never leave for an exit node or a node without \"next\", and no exit trigger ends it (only \"orderPlaced\" or \"leftSegment\" would). Experiment \"test\" keeps each customer in the arm first drawn, so those in arm \"b\" never take arm \"a\" out of it. A customer in it goes round until the loop guard stops the enrollment after 100 visits of a node.",
            "Lead a branch out of the loop to an exit node (a split on { \"performed\": \"emailDelivered\", \"minCount\": 3 }, say), or add \"orderPlaced\" to \"exit\" to end it when the customer orders."
        },
    };

    /// <summary>Loops that have a way to end, each a change to the valid journey that closes a loop and gives it one.</summary>
    public static TheoryData<string, Action<JsonObject>> LoopsWithAWayToEnd => new()
    {
        { "the journey exits on an order", j => Node(j, 5)["next"] = "wait" },
        { "the customer leaves the segment", j => { j["exit"] = JsonNode.Parse("""["leftSegment"]"""); j["entry"]!["trigger"] = JsonNode.Parse("""{ "type": "segment", "segments": ["atRisk"] }"""); Node(j, 5)["next"] = "wait"; } },
        { "a waitFor branch leads out", j => { j.Remove("exit"); Node(j, 5)["next"] = "wait"; Node(j, 2)["branches"]![0]!["next"] = "done"; } },
        {
            "a split leads out after three e-mails", j =>
            {
                j.Remove("exit");
                Node(j, 5)["next"] = "enough";
                Nodes(j).Add(JsonNode.Parse("""{ "id": "enough", "type": "split", "branches": [{ "when": { "performed": "emailDelivered", "minCount": 3 }, "next": "done" }], "else": "wait" }"""));
            }
        },
    };

    /// <summary>Mistakes in the shape of the document, which the published schema must reject as well.</summary>
    public static TheoryData<string> StructuralMistakes => new()
    {
        "misspelt property", "unknown node type", "version as text", "id with spaces", "duration in words", "hour 25", "misspelt segment", "two kinds of delay", "no entry",
    };

    /// <summary>Mistakes in properties the graph checks do not depend on, with the path each is reported at.</summary>
    private static readonly Dictionary<string, (Action<JsonObject> Change, string Path)> UnrelatedMistakes = new()
    {
        ["version as text"] = (j => j["version"] = "1", "$.version"),
        ["hour 25"] = (j => j["sendPolicy"]!["quietHours"]!["from"] = "25:00", "$.sendPolicy.quietHours.from"),
        ["unknown top-level property"] = (j => j["colour"] = "blue", "$.colour"),
        ["a delay's duration in words"] = (j => Node(j, 1)["for"] = "3 days", "$.nodes[1].for"),
        ["a send's subscription group in capitals"] = (j => Node(j, 0)["subscriptionGroup"] = "Marketing", "$.nodes[0].subscriptionGroup"),
    };

    /// <summary>Each graph mistake of <see cref="Mistakes"/> beside each unrelated mistake.</summary>
    public static TheoryData<string, string> GraphMistakesBesideUnrelatedOnes
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var graph in new[] { "unreachable node", "loop without a wait", "waiting for an e-mail never sent", "a loop that never ends" })
            {
                foreach (var unrelated in UnrelatedMistakes.Keys)
                {
                    data.Add(graph, unrelated);
                }
            }

            return data;
        }
    }

    [Fact]
    public void AcceptsTheBaseJourney()
    {
        var result = JourneyValidator.Validate(Base, Templates);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void ReportsEachMistakeAtItsPathWithASentenceAndAFix(string mistake, Action<JsonObject> change, string path, string? message, string? fix)
    {
        var result = JourneyValidator.Validate(Mutate(change), Templates);

        Assert.False(result.IsValid, mistake);
        var error = Assert.Single(result.Errors, e => e.Path == path);
        if (message is not null)
        {
            Assert.Equal(message, error.Message);
        }

        Assert.Equal(fix, error.Fix);
    }

    [Fact]
    public void EveryMistakeHasItsOwnPathAndMessage()
    {
        var errors = Mistakes.Select(row => JourneyValidator.Validate(Mutate((Action<JsonObject>)row[1]), Templates).Errors.Single(e => e.Path == (string)row[2])).ToList();

        Assert.True(errors.Count >= 12);
        Assert.Equal(errors.Count, errors.Select(e => (e.Path, e.Message)).Distinct().Count());
    }

    [Fact]
    public void EveryMessageAboutANodeNamesItsId()
    {
        var unnamed = new List<string>();
        foreach (var row in Mistakes)
        {
            var path = (string)row[2];
            if (!path.StartsWith("$.nodes[", StringComparison.Ordinal))
            {
                continue;
            }

            var journey = JsonNode.Parse(Mutate((Action<JsonObject>)row[1]))!.AsObject();
            var index = int.Parse(path["$.nodes[".Length..path.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            var id = (string)Node(journey, index)["id"]!;
            var error = JourneyValidator.Validate(journey.ToJsonString(), Templates).Errors.Single(e => e.Path == path);

            if (!error.Message.Contains($"\"{id}\"", StringComparison.Ordinal))
            {
                unnamed.Add($"{row[0]}: {error.Message}");
            }
        }

        Assert.Empty(unnamed);
    }

    [Fact]
    public void NamesTheLineOfBrokenJson()
    {
        var error = Assert.Single(JourneyValidator.Validate("{\n  \"id\": \"x\"\n  \"version\": 1\n}").Errors);

        Assert.Equal("$", error.Path);
        Assert.StartsWith("The file is not valid JSON at line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsEveryMistakeNotJustTheFirst()
    {
        var result = JourneyValidator.Validate(
            Mutate(j =>
            {
                j["version"] = 0;
                Node(j, 1)["for"] = "soon";
                Node(j, 5)["tempalte"] = "t2";
                Node(j, 0)["template"] = "t9";
                Node(j, 3)["arms"]![1]!["next"] = "nowhere";
            }),
            Templates);

        // The structural mistakes first; then what can still be checked on the rest, with no false alarm about the
        // unreadable "wait" node that "email-1" leads to.
        Assert.Equal(
            ["$.version", "$.nodes[1].for", "$.nodes[5].tempalte", "$.nodes[3].arms[1].next", "$.nodes[0].template"],
            result.Errors.Select(e => e.Path));
    }

    [Theory]
    [MemberData(nameof(GraphMistakesBesideUnrelatedOnes))]
    public void RunsTheGraphChecksWhenAnUnrelatedPropertyIsWrong(string graphMistake, string unrelatedMistake)
    {
        var row = Mistakes.Single(r => (string)r[0] == graphMistake);
        var unrelated = UnrelatedMistakes[unrelatedMistake];

        var result = JourneyValidator.Validate(Mutate(j => { ((Action<JsonObject>)row[1])(j); unrelated.Change(j); }), Templates);

        Assert.Contains(result.Errors, e => e.Path == unrelated.Path);
        var error = Assert.Single(result.Errors, e => e.Path == (string)row[2]);
        Assert.Equal((string)row[3], error.Message);
        Assert.Equal((string?)row[4], error.Fix);
    }

    [Theory]
    [MemberData(nameof(LoopsWithAWayToEnd))]
    public void AcceptsALoopWithAWayToEnd(string way, Action<JsonObject> change)
    {
        var result = JourneyValidator.Validate(Mutate(change), Templates);

        Assert.DoesNotContain(result.Errors, e => e.Message.Contains("can never leave", StringComparison.Ordinal));
        Assert.True(result.Errors.All(e => e.Path == "$.nodes[6]"), $"{way}: {string.Join(Environment.NewLine, result.Errors)}"); // only "done" left unreached
    }

    [Fact]
    public void AnUnsubscribeIsNoWayToEnd()
    {
        var result = JourneyValidator.Validate(Mutate(j => { j["exit"] = JsonNode.Parse("""["unsubscribed"]"""); Node(j, 5)["next"] = "wait"; }), Templates);

        var error = Assert.Single(result.Errors, e => e.Path == "$.nodes[1]");
        Assert.StartsWith("Nodes \"wait\", \"opened\", \"test\", \"morning\" and \"email-2\" form a loop a customer can never leave", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RaisesNoFalseAlarmOfALoopWithoutEndWhenExitIsMisspelt()
    {
        var result = JourneyValidator.Validate(Mutate(j => { Rename(j, "exit", "exits"); Node(j, 5)["next"] = "wait"; }), Templates);

        Assert.Equal(["$.exits"], result.Errors.Select(e => e.Path).Where(path => path != "$.nodes[6]"));
    }

    [Fact]
    public void SkipsTheTemplateCheckWhenNoTemplatesAreKnown()
    {
        Assert.True(JourneyValidator.Validate(Mutate(j => Node(j, 5)["template"] = "t9")).IsValid);
    }

    [Theory]
    [MemberData(nameof(StructuralMistakes))]
    public async Task ThePublishedSchemaRejectsStructuralMistakesToo(string mistake)
    {
        var row = Mistakes.Single(r => (string)r[0] == mistake);
        var schema = await PublishedSchema();

        Assert.NotEmpty(schema.Validate(Mutate((Action<JsonObject>)row[1])));
        Assert.Empty(schema.Validate(Base));
    }

    /// <summary>
    /// The published schema for NJsonSchema, which resolves draft-07 <c>definitions</c> but not 2020-12 <c>$defs</c>;
    /// the keywords the schema uses are otherwise common to both drafts.
    /// </summary>
    internal static Task<JsonSchema> PublishedSchema() =>
        JsonSchema.FromJsonAsync(Core.Journeys.JourneySchema.Text.Replace("$defs", "definitions", StringComparison.Ordinal));

    private static string Mutate(Action<JsonObject> change)
    {
        var journey = JsonNode.Parse(Base)!.AsObject();
        change(journey);
        return journey.ToJsonString();
    }

    private static JsonArray Nodes(JsonObject journey) => journey["nodes"]!.AsArray();

    private static JsonObject Node(JsonObject journey, int index) => Nodes(journey)[index]!.AsObject();

    private static void Rename(JsonObject node, string from, string to)
    {
        var value = node[from];
        node.Remove(from);
        node[to] = value?.DeepClone();
    }
}
