using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Simulation;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Testing;
using static EcCrm.Core.Tests.Journeys.Journeys;

namespace EcCrm.Core.Tests.Journeys;

/// <summary>The survey step: how it reads, what the validator refuses, and how the decider keeps and branches on the answer.</summary>
public class SurveyJourneyTests
{
    private static readonly DateTimeOffset Now = Utc(2026, 3, 2, 9, 0);

    private static readonly string NpsJourney = With(
        """
        { "id": "ask", "type": "survey", "template": "nps-1", "question": "nps", "followUp": true, "next": "wait" },
        { "id": "wait", "type": "waitFor", "branches": [{ "event": "surveyAnswered", "next": "route" }], "timeout": "7d", "timeoutNext": "done" },
        { "id": "route", "type": "split", "branches": [
            { "when": { "survey": "ask", "nps": "detractor" }, "next": "sorry" },
            { "when": { "survey": "ask", "nps": "promoter" }, "next": "review" }
          ], "else": "done" },
        { "id": "sorry", "type": "send", "template": "sorry-1", "transactional": true },
        { "id": "review", "type": "send", "template": "review-1" },
        { "id": "done", "type": "exit" }
        """,
        exit: "[\"unsubscribed\"]");

    private static Func<EnrollmentState, JourneyInput> Answer(string answer, DateTimeOffset at) =>
        state => new SurveyAnswered(state.Facts.Last(fact => fact.Type == JourneyFactType.Sent && fact.Template == "nps-1").Ref, "ask", answer, at);

    private static DeciderSpec Asked()
    {
        var spec = DeciderSpec.For(NpsJourney).Given(Now, Inputs.Start());
        var send = Assert.Single(spec.History.OfType<SendEmail>());
        Assert.Equal(SurveyKind.Nps, send.Survey?.Kind);
        spec.Given(Now, Inputs.SendSucceeds(Now));
        Assert.Equal("wait", spec.State.Node);
        return spec;
    }

    [Fact]
    public void ReadsASurveyStepAsASendWithItsQuestion()
    {
        var read = JourneyParser.Parse(NpsJourney);

        Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Errors));
        var ask = Assert.IsType<SendNode>(read.Definition.Node("ask"));
        Assert.Equal("nps-1", ask.Template);
        Assert.Equal(SurveyKind.Nps, ask.Survey!.Kind);
        Assert.True(ask.Survey.FollowUp);
        Assert.Equal(11, ask.Survey.Answers.Count);
    }

    [Theory]
    [InlineData("0", "sorry-1")]
    [InlineData("6", "sorry-1")]
    [InlineData("9", "review-1")]
    [InlineData("10", "review-1")]
    public void ADetractorGetsAPersonalFollowUpAndAPromoterAReviewRequest(string score, string template)
    {
        var spec = Asked();

        spec.When(Now.AddHours(3), Answer(score, Now.AddHours(3)));

        Assert.Equal(template, spec.Then<SendEmail>().TemplateId);
        var recorded = Assert.Single(spec.Effects.OfType<RecordJourneyEvent>(), record => record.Kind == JourneyEventKind.SurveyAnswered);
        Assert.Equal(score, recorded.Detail);
        Assert.Equal("ask", recorded.NodeId);
    }

    [Fact]
    public void APassiveTakesTheElseBranch()
    {
        var spec = Asked();

        spec.When(Now.AddHours(3), Answer("8", Now.AddHours(3))).ThenNo<SendEmail>();

        Assert.Equal("done", spec.State.Node);
    }

    [Fact]
    public void ASecondCopyOfTheSameAnswerChangesNothingAndAChangedAnswerReplacesTheKeptOne()
    {
        var spec = Asked();
        spec.Given(Now.AddHours(3), Answer("3", Now.AddHours(3)), Inputs.SendSucceeds(Now.AddHours(3)));

        spec.When(Now.AddHours(4), Answer("3", Now.AddHours(3))).ThenNothingHappens();
        spec.When(Now.AddHours(5), Answer("7", Now.AddHours(5)));

        var kept = Assert.Single(spec.State.Facts, fact => fact.Type == JourneyFactType.SurveyAnswered);
        Assert.Equal("7", kept.Value);
        Assert.Equal(JourneyEventKind.SurveyAnswered, Assert.Single(spec.Effects.OfType<RecordJourneyEvent>()).Kind);
        spec.ThenNo<SendEmail>();

        spec.When(Now.AddHours(6), Answer("3", Now.AddHours(3))).ThenNothingHappens(); // the first answer, delivered again late
        Assert.Equal("7", Assert.Single(spec.State.Facts, fact => fact.Type == JourneyFactType.SurveyAnswered).Value);
    }

    [Fact]
    public void IgnoresAnAnswerToAnotherEnrollmentsSurveyAnUnknownStepOrAnAnswerTheQuestionDoesNotHave()
    {
        var spec = Asked();
        var key = spec.State.Facts.Last(fact => fact.Type == JourneyFactType.Sent).Ref;

        spec.When(Now.AddHours(1), Inputs.Is(new SurveyAnswered("other-journey:0123456789abcdef0123456789abcdef:1:ask:1", "ask", "3", Now))).ThenNothingHappens();
        spec.When(Now.AddHours(1), Inputs.Is(new SurveyAnswered(key, "review", "3", Now))).ThenNothingHappens();
        spec.When(Now.AddHours(1), Inputs.Is(new SurveyAnswered(key, "ask", "11", Now))).ThenNothingHappens();
        spec.When(Now.AddHours(1), Inputs.Is(new SurveyAnswered(key, "ask", "great", Now))).ThenNothingHappens();
        Assert.Equal("wait", spec.State.Node);
    }

    [Fact]
    public void WithoutAnAnswerTheWaitTimesOut()
    {
        var spec = Asked();

        spec.When(Now.AddDays(7), Inputs.TimerFires).ThenNo<SendEmail>();

        Assert.Equal("done", spec.State.Node);
    }

    [Fact]
    public void AChoiceSurveyBranchesOnTheChoicesAskedAbout()
    {
        var spec = DeciderSpec.For(With(
            """
            { "id": "ask", "type": "survey", "template": "delivery-1", "question": "choice", "choices": ["early", "on-time", "late"], "next": "wait" },
            { "id": "wait", "type": "waitFor", "branches": [{ "event": "surveyAnswered", "next": "route" }], "timeout": "3d" },
            { "id": "route", "type": "split", "branches": [{ "when": { "survey": "ask", "choice": ["late"] }, "next": "sorry" }] },
            { "id": "sorry", "type": "send", "template": "sorry-1" }
            """)).Given(Now, Inputs.Start(), Inputs.SendSucceeds(Now));
        var key = spec.State.Facts.Last(fact => fact.Type == JourneyFactType.Sent).Ref;

        spec.When(Now.AddHours(2), Inputs.Is(new SurveyAnswered(key, "ask", "late", Now.AddHours(2))));

        Assert.Equal("sorry-1", spec.Then<SendEmail>().TemplateId);
    }

    public static TheoryData<string, string, string> Mistakes => new()
    {
        { """{ "id": "ask", "type": "survey", "template": "nps-1", "next": "done" }, { "id": "done", "type": "exit" }""", "$.nodes[0].question", "Missing" },
        { """{ "id": "ask", "type": "survey", "template": "nps-1", "question": "stars", "next": "done" }, { "id": "done", "type": "exit" }""", "$.nodes[0].question", "one of" },
        { """{ "id": "ask", "type": "survey", "template": "nps-1", "question": "nps", "choices": ["a", "b"], "next": "done" }, { "id": "done", "type": "exit" }""", "$.nodes[0].choices", "scores 0 to 10" },
        { """{ "id": "ask", "type": "survey", "template": "nps-1", "question": "choice", "choices": ["a"], "next": "done" }, { "id": "done", "type": "exit" }""", "$.nodes[0].choices", "at least 2" },
        { """{ "id": "ask", "type": "survey", "template": "nps-1", "question": "choice", "choices": ["a", "b", "a"], "next": "done" }, { "id": "done", "type": "exit" }""", "$.nodes[0].choices[2]", "listed twice" },
        {
            """{ "id": "ask", "type": "survey", "template": "nps-1", "question": "nps", "next": "route" }, { "id": "route", "type": "split", "branches": [{ "when": { "survey": "asks", "nps": "detractor" }, "next": "done" }] }, { "id": "done", "type": "exit" }""",
            "$.nodes[1].branches[0].when.survey", "not a survey step"
        },
        {
            """{ "id": "ask", "type": "survey", "template": "nps-1", "question": "nps", "next": "route" }, { "id": "route", "type": "split", "branches": [{ "when": { "survey": "ask", "choice": ["late"] }, "next": "done" }] }, { "id": "done", "type": "exit" }""",
            "$.nodes[1].branches[0].when.choice", "score from 0 to 10"
        },
        {
            """{ "id": "ask", "type": "survey", "template": "nps-1", "question": "choice", "choices": ["early", "late"], "next": "route" }, { "id": "route", "type": "split", "branches": [{ "when": { "survey": "ask", "choice": ["lost"] }, "next": "done" }] }, { "id": "done", "type": "exit" }""",
            "$.nodes[1].branches[0].when.choice[0]", "no choice \"lost\""
        },
        {
            """{ "id": "ask", "type": "survey", "template": "nps-1", "question": "choice", "choices": ["early", "late"], "next": "route" }, { "id": "route", "type": "split", "branches": [{ "when": { "survey": "ask", "nps": "promoter" }, "next": "done" }] }, { "id": "done", "type": "exit" }""",
            "$.nodes[1].branches[0].when.nps", "choice question"
        },
        {
            """{ "id": "wait", "type": "waitFor", "branches": [{ "event": "surveyAnswered", "next": "done" }], "timeout": "1d" }, { "id": "done", "type": "exit" }""",
            "$.nodes[0].branches[0].event", "no survey step"
        },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void RefusesASurveyMistakeWithItsPath(string nodes, string path, string says)
    {
        var result = JourneyValidator.Validate(With(nodes));

        var error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3", "nps-sorry", "3 (detractor)")]
    [InlineData("10", "nps-review", "10 (promoter)")]
    public void TheSimulatorInjectsASurveyAnswerFromTheTimelineAndTakesItsBranch(string answer, string template, string line)
    {
        var journey = JourneyParser.Parse(File.ReadAllText(RepositoryRoot.Combine("journeys", "post-purchase-nps.journey.json"))).Definition!;
        var file = File.ReadAllText(RepositoryRoot.Combine("journeys", "customers", "post-purchase-nps.customer.json"))
            .Replace("\"answer\": \"3\"", $"\"answer\": \"{answer}\"", StringComparison.Ordinal);
        var timeline = CustomerTimelineParser.Parse(file);
        Assert.True(timeline.IsValid, string.Join(Environment.NewLine, timeline.Errors));

        var result = JourneySimulator.Run(journey, timeline.Timeline, new SimulationSettings("Asia/Tokyo", "JPY", new SweepOptions()));

        var answered = Assert.Single(result.Events, e => e.What == "answered");
        Assert.Equal(line, answered.Detail);
        var sent = result.Events.Where(e => e.What == "sent").Select(e => e.Detail).ToList();
        Assert.Equal(["nps-1", template], sent);
        Assert.True(answered.At <= result.Events.Last(e => e.What == "sent").At);
        Assert.Equal(answer == "3", result.Events.Any(e => e.What == "action" && e.Detail == "alert the shop: 3 on ask"));
    }

    [Fact]
    public void AnAlertShopActionCarriesTheRunsLatestSurveyAnswer()
    {
        var spec = DeciderSpec.For(With(
            """
            { "id": "ask", "type": "survey", "template": "nps-1", "question": "nps", "next": "wait" },
            { "id": "wait", "type": "waitFor", "branches": [{ "event": "surveyAnswered", "next": "alert" }], "timeout": "3d" },
            { "id": "alert", "type": "action", "action": "alertShop" }
            """)).Given(Now, Inputs.Start(), Inputs.SendSucceeds(Now));
        var key = spec.State.Facts.Last(fact => fact.Type == JourneyFactType.Sent).Ref;

        spec.When(Now.AddHours(1), Inputs.Is(new SurveyAnswered(key, "ask", "2", Now.AddHours(1))));

        Assert.Equal(new AlertShop($"{Inputs.EnrollmentId}:alert:1", "alert", "ask", key, "2"), spec.Then<AlertShop>());
    }

    [Fact]
    public void ATimelineAnswerWithABadDurationIsRefusedWithItsPath()
    {
        var read = CustomerTimelineParser.Parse("""
            { "customer": { "email": "a@example.com" }, "simulate": { "from": "2026-03-01T00:00:00Z" }, "surveyAnswers": [{ "survey": "ask", "answer": "3", "after": "soon" }] }
            """);

        var error = Assert.Single(read.Errors);
        Assert.Equal("$.surveyAnswers[0].after", error.Path);
    }
}
