using System.Text.Json;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Sending;
using EcCrm.Core.Json;
using EcCrm.Core.Segments;
using static EcCrm.Core.Tests.Journeys.Inputs;
using static EcCrm.Core.Tests.Journeys.Journeys;

namespace EcCrm.Core.Tests.Journeys;

public class JourneyDeciderTests
{
    private static readonly DateTimeOffset T0 = Utc(2026, 3, 2, 9); // Monday, 10:00 in Berlin

    [Fact]
    public void SendsTheFirstEmailWithADeterministicIdempotencyKeyWhenStarted()
    {
        var spec = DeciderSpec.For(TwoEmails).When(T0, Start());

        var send = spec.Then<SendEmail>();
        Assert.Equal($"{EnrollmentId}:email-1:1", send.IdempotencyKey);
        Assert.Equal("t1", send.TemplateId);
        Assert.Equal("marketing", send.SubscriptionGroup);
        Assert.False(send.Transactional);
        Assert.DoesNotContain('/', send.IdempotencyKey);
        Assert.Equal(JourneyEventKind.Entered, spec.Effects.OfType<RecordJourneyEvent>().First().Kind);
        Assert.Equal(EnrollmentStatus.Active, spec.State.Status);
    }

    [Fact]
    public void MovesPastASendOnlyWhenTheSendHasCompleted()
    {
        DeciderSpec.For(TwoEmails)
            .Given(T0, Start())
            .When(T0.AddMinutes(1), SendSucceeds(T0.AddMinutes(1)))
            .ThenWaitsUntil(Utc(2026, 3, 5, 9, 1));
    }

    [Fact]
    public void SendsTheNextEmailWhenTheDelayTimerFires()
    {
        var spec = DeciderSpec.For(TwoEmails).Given(T0, Start(), SendSucceeds(T0));

        spec.When(Utc(2026, 3, 5, 9), TimerFires);

        Assert.Equal($"{EnrollmentId}:email-2:1", spec.Then<SendEmail>().IdempotencyKey);
    }

    [Fact]
    public void IgnoresATimerForAStepAlreadyLeft()
    {
        var spec = DeciderSpec.For(TwoEmails).Given(T0, Start(), SendSucceeds(T0));
        var staleToken = spec.State.TimerToken!;
        spec.Given(Utc(2026, 3, 5, 9), TimerFires);

        spec.When(Utc(2026, 3, 5, 10), Timer(staleToken)).ThenNothingHappens();
    }

    [Fact]
    public void IgnoresADuplicateTimer()
    {
        var spec = DeciderSpec.For(TwoEmails).Given(T0, Start(), SendSucceeds(T0));
        var token = spec.State.TimerToken!;
        spec.Given(Utc(2026, 3, 5, 9), Timer(token));

        spec.When(Utc(2026, 3, 5, 9, 1), Timer(token)).ThenNothingHappens();
        Assert.Equal(WaitKind.SendOutcome, spec.State.Wait);
    }

    [Fact]
    public void RearmsATimerThatFiresEarly()
    {
        DeciderSpec.For(TwoEmails)
            .Given(T0, Start(), SendSucceeds(T0))
            .When(Utc(2026, 3, 4, 9), TimerFires)
            .ThenWaitsUntil(Utc(2026, 3, 5, 9))
            .ThenNo<SendEmail>();
    }

    [Fact]
    public void IgnoresASecondStart()
    {
        DeciderSpec.For(TwoEmails).Given(T0, Start()).When(T0, Start()).ThenNothingHappens();
    }

    [Fact]
    public void ExitsJourneyWhenCustomerOrdersAgainWhileWaiting()
    {
        var spec = DeciderSpec.For(TwoEmails)
            .Given(T0, Start(), SendSucceeds(T0))
            .When(Utc(2026, 3, 3, 18), Order("1001", Utc(2026, 3, 3, 18), 42m))
            .ThenExits(ExitReason.OrderPlaced);

        var conversion = spec.Then<RecordConversion>();
        Assert.Equal(("1001", 42m), (conversion.OrderId, conversion.Revenue));
        spec.When(Utc(2026, 3, 5, 9), TimerFires).ThenNothingHappens();
    }

    [Fact]
    public void ExitsWithoutConversionWhenTheOrderComesAfterTheGoalWindow()
    {
        var journey = With("""{ "id": "wait", "type": "delay", "for": "40d" }""", goal: """{ "orderWithinDays": 7 }""");
        DeciderSpec.For(journey)
            .Given(T0, Start())
            .When(T0.AddDays(10), Order("1002", T0.AddDays(10)))
            .ThenExits(ExitReason.OrderPlaced)
            .ThenNo<RecordConversion>();
    }

    [Fact]
    public void IgnoresASecondCopyOfTheSameOrder()
    {
        var journey = With("""{ "id": "wait", "type": "delay", "for": "40d" }""", exit: "[]");
        var spec = DeciderSpec.For(journey).Given(T0, Start(), Order("1001", T0.AddDays(1)));

        spec.When(T0.AddDays(1), Order("1001", T0.AddDays(1))).ThenNothingHappens();
    }

    [Fact]
    public void IgnoresAnUpdateOfAnOrderEntryKnewOf()
    {
        // The profile's last order (1 December) is what made the customer inactive; that order again changes nothing.
        DeciderSpec.For(TwoEmails).Given(T0, Start()).When(T0, Order("0998", Utc(2025, 12, 1, 12))).ThenNothingHappens();
    }

    [Fact]
    public void AnOrderPlacedBeforeEntryThatEntryDidNotKnowOfEndsAnInactivityRunWithoutAConversion()
    {
        // Placed the day before the sweep entered the customer, its webhook only arriving now: they were not inactive.
        var spec = DeciderSpec.For(TwoEmails)
            .Given(T0, Start())
            .When(T0.AddMinutes(5), Order("0999", T0.AddDays(-1), 55m))
            .ThenExits(ExitReason.OrderedBeforeEntry)
            .ThenNo<RecordConversion>();

        Assert.Null(spec.State.ConvertedOrderId);
        spec.When(T0.AddMinutes(6), SendSucceeds(T0.AddMinutes(6))).ThenNothingHappens();
    }

    [Fact]
    public void AnOrderPlacedBeforeEntryIsIgnoredByAJourneyNotEnteredOnInactivity()
    {
        var journey = With("""{ "id": "wait", "type": "delay", "for": "40d" }""", trigger: """{ "type": "orderPlaced" }""");
        DeciderSpec.For(journey).Given(T0, Start()).When(T0, Order("0999", T0.AddDays(-1))).ThenNothingHappens();
    }

    [Fact]
    public void AnOrderPlacedBetweenTheEntryDecisionAndTheRunsStartCountsAsAConversion()
    {
        // The sweep decided at T0; the run only got its Started an hour later, after the customer had ordered.
        var decided = T0;
        var spec = DeciderSpec.For(TwoEmails)
            .Given(decided.AddHours(1), _ => new Started(EnrollmentId, EnrollmentGroup.Treatment, Profile(), decided))
            .When(decided.AddHours(1), Order("1003", decided.AddMinutes(30), 30m))
            .ThenExits(ExitReason.OrderPlaced);

        Assert.Equal("1003", spec.Then<RecordConversion>().OrderId);
        Assert.Equal(decided, spec.State.EnteredAt);
    }

    [Fact]
    public void IgnoresEverythingAfterTheEnrollmentHasEnded()
    {
        var spec = DeciderSpec.For(TwoEmails).Given(T0, Start(), SendSucceeds(T0), Order("1001", T0.AddHours(1)));

        spec.When(T0.AddHours(2), Order("1002", T0.AddHours(2))).ThenNothingHappens();
        spec.When(T0.AddDays(3), TimerFires).ThenNothingHappens();
    }

    [Fact]
    public void WaitsUntilTheDeferredMomentAndAsksForTheSameEmailAgain()
    {
        var spec = DeciderSpec.For(TwoEmails).Given(T0, Start());
        var key = spec.State.SendKey;

        spec.When(T0, SendDeferred(Utc(2026, 3, 2, 20))).ThenWaitsUntil(Utc(2026, 3, 2, 20)).ThenNo<SendEmail>();
        spec.When(Utc(2026, 3, 2, 20), TimerFires);

        Assert.Equal(key, spec.Then<SendEmail>().IdempotencyKey);
    }

    [Fact]
    public void ARunWaitingOutAProviderOutageSaysSoUntilTheEmailGoesOut()
    {
        var spec = DeciderSpec.For(TwoEmails).Given(T0, Start());

        spec.When(T0, SendDeferred(T0.AddMinutes(8), DeferReason.ProviderBusy)).ThenWaitsUntil(T0.AddMinutes(8));
        Assert.Equal("the e-mail provider", EnrollmentView.WaitingForOf(spec.State));
        Assert.Contains(spec.Effects.OfType<RecordJourneyEvent>(), e => e.Detail == "t1: waiting for the e-mail provider");

        spec.When(T0.AddMinutes(8), TimerFires).When(T0.AddMinutes(8), SendSucceeds(T0.AddMinutes(8)));
        Assert.Equal("a delay to pass", EnrollmentView.WaitingForOf(spec.State));
    }

    [Fact]
    public void AHeldSendIsRecordedOnceAsDeferredHoweverOftenItAsksAgainAndAgainWhenItWaitsForAnotherReason()
    {
        var spec = DeciderSpec.For(TwoEmails).Given(T0, Start());
        var deferrals = new List<string?>();

        for (var i = 0; i < 3; i++)
        {
            var at = T0.AddMinutes(15 * i);
            spec.When(at, SendDeferred(at.AddMinutes(15), DeferReason.JourneyHeld)).ThenWaitsUntil(at.AddMinutes(15));
            Assert.Equal("the journey to be resumed (paused for deliverability)", EnrollmentView.WaitingForOf(spec.State));
            deferrals.AddRange(spec.Effects.OfType<RecordJourneyEvent>().Where(e => e.Kind == JourneyEventKind.SendDeferred).Select(e => e.Detail));
            spec.When(at.AddMinutes(15), TimerFires);
        }

        spec.When(T0.AddMinutes(45), SendDeferred(T0.AddHours(8), DeferReason.QuietHours));
        deferrals.AddRange(spec.Effects.OfType<RecordJourneyEvent>().Where(e => e.Kind == JourneyEventKind.SendDeferred).Select(e => e.Detail));
        Assert.Equal(["t1: journey paused for deliverability", "t1: quiet hours"], deferrals);
    }

    [Fact]
    public void GoesOnWithoutTheEmailWhenTheSendIsBlocked()
    {
        var spec = DeciderSpec.For(TwoEmails).Given(T0, Start());

        spec.When(T0, SendBlocked(BlockReason.NoConsent)).ThenWaitsUntil(Utc(2026, 3, 5, 9));
        Assert.Contains(spec.Effects.OfType<RecordJourneyEvent>(), e => e.Kind == JourneyEventKind.SendBlocked);
    }

    [Fact]
    public void GoesOnAsSentWhenTheSendIsUnconfirmedAndNeverAsksForItAgain()
    {
        var spec = DeciderSpec.For(TwoEmails).Given(T0, Start());
        var key = spec.State.SendKey!;

        spec.When(T0, Is(new EffectCompleted(key, new Unconfirmed(T0, "SendGrid answered 503 after the request was sent"))))
            .ThenWaitsUntil(Utc(2026, 3, 5, 9))
            .ThenNo<SendEmail>();

        var recorded = Assert.Single(spec.Effects.OfType<RecordJourneyEvent>(), e => e.Kind == JourneyEventKind.Sent);
        Assert.EndsWith(": unconfirmed", recorded.Detail, StringComparison.Ordinal);
        Assert.Null(spec.State.SendKey);
        spec.When(T0.AddMinutes(5), Is(new EffectCompleted(key, new Sent(T0.AddMinutes(5))))).ThenNothingHappens();
    }

    [Fact]
    public void IgnoresASecondReportOfTheSameSend()
    {
        var spec = DeciderSpec.For(TwoEmails).Given(T0, Start());
        var key = spec.State.SendKey!;
        spec.Given(T0, SendSucceeds(T0));

        spec.When(T0.AddMinutes(5), Is(new EffectCompleted(key, new Sent(T0.AddMinutes(5))))).ThenNothingHappens();
        Assert.Equal(Utc(2026, 3, 5, 9), spec.State.TimerAt);
    }

    [Fact]
    public void IgnoresAnOutcomeForAnotherSend()
    {
        DeciderSpec.For(TwoEmails)
            .Given(T0, Start())
            .When(T0, Is(new EffectCompleted("someone-else:email-1:1", new Sent(T0))))
            .ThenNothingHappens();
    }

    [Fact]
    public void HoldoutGetsNoEmailButItsOrderStillCountsAsAConversion()
    {
        var spec = DeciderSpec.For(TwoEmails).When(T0, Start(group: EnrollmentGroup.Holdout));
        spec.ThenNo<SendEmail>().ThenWaitsUntil(T0.AddDays(30));
        Assert.Equal(EnrollmentStatus.Measuring, spec.State.Status);
        Assert.Equal(JourneyEventKind.EnteredHoldout, spec.Effects.OfType<RecordJourneyEvent>().First().Kind);

        spec.When(T0.AddDays(12), Order("1003", T0.AddDays(12), 30m));

        Assert.Equal(30m, spec.Then<RecordConversion>().Revenue);
        spec.Then<CompleteEnrollment>();
    }

    [Fact]
    public void HoldoutCompletesWithoutConversionWhenTheGoalWindowEnds()
    {
        DeciderSpec.For(TwoEmails)
            .Given(T0, Start(group: EnrollmentGroup.Holdout))
            .When(T0.AddDays(30), TimerFires)
            .Then<CompleteEnrollment>();
    }

    [Fact]
    public void KeepsListeningForTheGoalAfterTheLastNode()
    {
        var spec = DeciderSpec.For(TwoEmails).Given(T0, Start(), SendSucceeds(T0)).GivenTimeMovesOn();

        Assert.Equal(EnrollmentStatus.Measuring, spec.State.Status);
        Assert.Equal(T0.AddDays(30), spec.State.TimerAt);
        spec.When(T0.AddDays(20), Order("1004", T0.AddDays(20), 15m)).Then<RecordConversion>();
        Assert.Equal(EnrollmentStatus.Completed, spec.State.Status);
    }

    [Fact]
    public void CompletesAtTheExitNodeWhenThereIsNoGoal()
    {
        var journey = With("""{ "id": "email-1", "type": "send", "template": "t1", "next": "done" }, { "id": "done", "type": "exit" }""", goal: "null");

        DeciderSpec.For(journey).Given(T0, Start()).When(T0, SendSucceeds(T0)).Then<CompleteEnrollment>();
    }

    [Fact]
    public void ExitsWhenTheCustomerUnsubscribes()
    {
        DeciderSpec.For(TwoEmails)
            .Given(T0, Start(), SendSucceeds(T0))
            .When(T0.AddHours(2), Email(EmailEventKind.Unsubscribed, "t1", T0.AddHours(2)))
            .ThenExits(ExitReason.Unsubscribed);
    }

    [Fact]
    public void ExitsWhenTheCustomerLeavesTheEntrySegment()
    {
        var journey = With("""{ "id": "wait", "type": "delay", "for": "10d" }""", exit: """["leftSegment"]""", trigger: """{ "type": "segment", "segments": ["atRisk"] }""");
        var spec = DeciderSpec.For(journey).Given(T0, Start());

        spec.When(T0.AddDays(1), Is(new ProfileChanged(Profile() with { Segment = RfmSegment.AtRisk }))).ThenNothingHappens();
        spec.When(T0.AddDays(2), Is(new ProfileChanged(Profile() with { Segment = RfmSegment.Champions }))).ThenExits(ExitReason.LeftSegment);
    }

    [Fact]
    public void ExitsWhenCancelled()
    {
        DeciderSpec.For(TwoEmails).Given(T0, Start()).When(T0, Is(new Cancel("customer deleted"))).ThenExits(ExitReason.Cancelled);
    }

    [Fact]
    public void IgnoresEmailEventsOfOtherEnrollmentsAndDuplicates()
    {
        var journey = With("""
            { "id": "email-1", "type": "send", "template": "t1", "next": "opened" },
            { "id": "opened", "type": "waitFor", "branches": [{ "event": "emailOpened", "template": "t1", "next": "thanks" }], "timeout": "3d" },
            { "id": "thanks", "type": "send", "template": "t2" }
            """);
        var spec = DeciderSpec.For(journey).Given(T0, Start(), SendSucceeds(T0), Email(EmailEventKind.Delivered, "t1", T0));

        spec.When(T0, Is(new EmailEvent(EmailEventKind.Opened, "other-journey:abc:1:email-1:1", "t1", T0))).ThenNothingHappens();
        spec.When(T0, Email(EmailEventKind.Delivered, "t1", T0)).ThenNothingHappens();
    }

    [Fact]
    public void TakesTheWaitForBranchOfTheEventThatArrives()
    {
        var journey = With("""
            { "id": "email-1", "type": "send", "template": "t1", "next": "opened" },
            { "id": "opened", "type": "waitFor", "branches": [{ "event": "emailOpened", "template": "t1", "next": "thanks" }], "timeout": "3d", "timeoutNext": "nudge" },
            { "id": "thanks", "type": "send", "template": "t2" },
            { "id": "nudge", "type": "send", "template": "t3" }
            """);
        var spec = DeciderSpec.For(journey).Given(T0, Start(), SendSucceeds(T0));
        Assert.Equal(Utc(2026, 3, 5, 9), spec.State.TimerAt);

        spec.When(T0.AddHours(5), Email(EmailEventKind.Opened, "t1", T0.AddHours(5)));

        Assert.Equal("t2", spec.Then<SendEmail>().TemplateId);
    }

    [Fact]
    public void TakesTheTimeoutBranchWhenNothingArrives()
    {
        var journey = With("""
            { "id": "email-1", "type": "send", "template": "t1", "next": "opened" },
            { "id": "opened", "type": "waitFor", "branches": [{ "event": "emailClicked", "template": "t1", "next": "thanks" }], "timeout": "3d", "timeoutNext": "nudge" },
            { "id": "thanks", "type": "send", "template": "t2" },
            { "id": "nudge", "type": "send", "template": "t3" }
            """);
        var spec = DeciderSpec.For(journey).Given(T0, Start(), SendSucceeds(T0), Email(EmailEventKind.Opened, "t1", T0.AddHours(1)));

        spec.When(Utc(2026, 3, 5, 9), TimerFires);

        Assert.Equal("t3", spec.Then<SendEmail>().TemplateId);
    }

    [Fact]
    public void DoesNotWaitForAnEmailEventThatAlreadyHappened()
    {
        var journey = With("""
            { "id": "email-1", "type": "send", "template": "t1", "next": "pause" },
            { "id": "pause", "type": "delay", "for": "1d", "next": "opened" },
            { "id": "opened", "type": "waitFor", "branches": [{ "event": "emailOpened", "template": "t1", "next": "thanks" }], "timeout": "3d" },
            { "id": "thanks", "type": "send", "template": "t2" }
            """);
        var spec = DeciderSpec.For(journey).Given(T0, Start(), SendSucceeds(T0), Email(EmailEventKind.Opened, "t1", T0.AddHours(1)));

        spec.When(T0.AddDays(1), TimerFires);

        Assert.Equal("t2", spec.Then<SendEmail>().TemplateId);
    }

    [Fact]
    public void TakesTheOrderBranchOfAWaitForWhenTheJourneyDoesNotExitOnOrders()
    {
        var journey = With("""
            { "id": "ordered", "type": "waitFor", "branches": [{ "event": "orderPlaced", "next": "thanks" }], "timeout": "7d" },
            { "id": "thanks", "type": "send", "template": "thanks" }
            """, exit: "[]");
        var spec = DeciderSpec.For(journey).Given(T0, Start());

        spec.When(T0.AddDays(2), Order("1005", T0.AddDays(2)));

        Assert.Equal("thanks", spec.Then<SendEmail>().TemplateId);
        Assert.Single(spec.Effects.OfType<RecordConversion>());
    }

    [Fact]
    public void SplitTakesTheFirstBranchWhoseConditionHolds()
    {
        var journey = With("""
            { "id": "who", "type": "split", "branches": [
                { "when": { "trait": "orderCount", "op": "gte", "value": 5 }, "next": "vip" },
                { "when": { "all": [{ "inSegment": ["atRisk"] }, { "trait": "countryCode", "op": "eq", "value": "de" }] }, "next": "at-risk" },
                { "when": { "trait": "revenue", "op": "gt", "value": 10 }, "next": "vip" }
              ], "else": "other" },
            { "id": "vip", "type": "send", "template": "vip" },
            { "id": "at-risk", "type": "send", "template": "at-risk" },
            { "id": "other", "type": "send", "template": "other" }
            """);

        Assert.Equal("at-risk", DeciderSpec.For(journey).When(T0, Start()).Then<SendEmail>().TemplateId);
        Assert.Equal("other", DeciderSpec.For(journey).When(T0, Start(Profile() with { OrderCount = 1, Revenue = 5m, Segment = RfmSegment.New })).Then<SendEmail>().TemplateId);
    }

    [Fact]
    public void SplitAsksAboutEventsSinceEntryAndWithinAWindow()
    {
        var journey = With("""
            { "id": "email-1", "type": "send", "template": "t1", "next": "pause" },
            { "id": "pause", "type": "delay", "for": "2d", "next": "who" },
            { "id": "who", "type": "split", "branches": [
                { "when": { "message": "clicked", "template": "t1" }, "next": "clicker" },
                { "when": { "performed": "emailOpened", "minCount": 1 }, "next": "opener" },
                { "when": { "not": { "performed": "orderPlaced", "withinDays": 120 } }, "next": "lapsed" }
              ], "else": "other" },
            { "id": "clicker", "type": "send", "template": "clicker" },
            { "id": "opener", "type": "send", "template": "opener" },
            { "id": "lapsed", "type": "send", "template": "lapsed" },
            { "id": "other", "type": "send", "template": "other" }
            """);

        var opener = DeciderSpec.For(journey).Given(T0, Start(), SendSucceeds(T0), Email(EmailEventKind.Opened, "t1", T0.AddHours(1)));
        Assert.Equal("opener", opener.When(T0.AddDays(2), TimerFires).Then<SendEmail>().TemplateId);

        var clicker = DeciderSpec.For(journey).Given(T0, Start(), SendSucceeds(T0), Email(EmailEventKind.Clicked, "t1", T0.AddHours(1)));
        Assert.Equal("clicker", clicker.When(T0.AddDays(2), TimerFires).Then<SendEmail>().TemplateId);

        var recentBuyer = DeciderSpec.For(journey).Given(T0, Start(), SendSucceeds(T0));
        Assert.Equal("other", recentBuyer.When(T0.AddDays(2), TimerFires).Then<SendEmail>().TemplateId);

        var lapsed = DeciderSpec.For(journey).Given(T0, Start(Profile() with { LastOrderAt = T0.AddDays(-200) }), SendSucceeds(T0));
        Assert.Equal("lapsed", lapsed.When(T0.AddDays(2), TimerFires).Then<SendEmail>().TemplateId);
    }

    [Fact]
    public void SplitComparesTagsAndAttributes()
    {
        var journey = With("""
            { "id": "who", "type": "split", "branches": [
                { "when": { "trait": "tags", "op": "contains", "value": "VIP" }, "next": "vip" },
                { "when": { "trait": "attribute", "attribute": "skinType", "op": "eq", "value": "dry" }, "next": "dry" }
              ], "else": "other" },
            { "id": "vip", "type": "send", "template": "vip" },
            { "id": "dry", "type": "send", "template": "dry" },
            { "id": "other", "type": "send", "template": "other" }
            """);

        Assert.Equal("vip", DeciderSpec.For(journey).When(T0, Start(Profile() with { Tags = ["vip"] })).Then<SendEmail>().TemplateId);
        Assert.Equal("dry", DeciderSpec.For(journey).When(T0, Start(Profile() with { Attributes = new Dictionary<string, string> { ["skinType"] = "dry" } })).Then<SendEmail>().TemplateId);
        Assert.Equal("other", DeciderSpec.For(journey).When(T0, Start()).Then<SendEmail>().TemplateId);
    }

    [Fact]
    public void RandomBucketsSplitEnrollmentsByTheirIdAndSalt()
    {
        var journey = With("""
            { "id": "half", "type": "split", "branches": [{ "when": { "randomBucket": { "below": 30, "salt": "s1" } }, "next": "a" }], "else": "b" },
            { "id": "a", "type": "send", "template": "a" },
            { "id": "b", "type": "send", "template": "b" }
            """);
        var definition = DeciderSpec.For(journey).Journey;

        var inA = Enumerable.Range(0, 4000)
            .Count(i => DeciderSpec.For(definition).When(T0, Start(enrollmentId: $"test-journey:c{i}:1")).Then<SendEmail>().TemplateId == "a");

        Assert.InRange(inA, 1080, 1320);
        Assert.Equal(
            DeciderSpec.For(definition).When(T0, Start(enrollmentId: "test-journey:c7:1")).Then<SendEmail>().TemplateId,
            DeciderSpec.For(definition).When(T0, Start(enrollmentId: "test-journey:c7:1")).Then<SendEmail>().TemplateId);
    }

    [Fact]
    public void ExperimentAssignsArmsByWeightAndKeepsThemOnTheNextVisit()
    {
        var journey = With("""
            { "id": "test", "type": "experiment", "salt": "exp-1", "arms": [{ "name": "a", "weight": 70, "next": "email-a" }, { "name": "b", "weight": 30, "next": "email-b" }] },
            { "id": "email-a", "type": "send", "template": "a", "next": "again" },
            { "id": "email-b", "type": "send", "template": "b", "next": "again" },
            { "id": "again", "type": "delay", "for": "7d", "next": "test" }
            """, goal: "null");
        var definition = DeciderSpec.For(journey).Journey;

        var armA = Enumerable.Range(0, 4000).Count(i => DeciderSpec.For(definition).When(T0, Start(enrollmentId: $"test-journey:c{i}:1")).Then<SendEmail>().TemplateId == "a");
        Assert.InRange(armA, 2650, 2950);

        var spec = DeciderSpec.For(definition).Given(T0, Start(), SendSucceeds(T0));
        var first = spec.State.Arms["test"];
        spec.When(T0.AddDays(7), TimerFires);
        Assert.Equal(first, spec.State.Arms["test"]);
        Assert.Equal($"{EnrollmentId}:email-{first}:2", spec.Then<SendEmail>().IdempotencyKey);
    }

    [Fact]
    public void CreatesACouponAndShowsItsCodeInTheNextEmail()
    {
        var journey = With("""
            { "id": "coupon", "type": "action", "action": "createCoupon", "coupon": { "percentOff": 15, "validDays": 14, "prefix": "BACK" }, "next": "tag" },
            { "id": "tag", "type": "action", "action": "tagProfile", "tag": "winback", "next": "stage" },
            { "id": "stage", "type": "action", "action": "updateProfile", "attribute": "stage", "value": "offered", "next": "offer" },
            { "id": "offer", "type": "send", "template": "offer" }
            """);

        var spec = DeciderSpec.For(journey).When(T0, Start());

        var coupon = spec.Then<CreateCoupon>();
        Assert.Matches("^BACK-[A-Z2-9]{8}$", coupon.Code);
        Assert.Equal((15m, T0.AddDays(14)), (coupon.PercentOff!.Value, coupon.ValidUntil));
        Assert.Equal(coupon.Code, spec.Then<SendEmail>().CouponCode);
        Assert.Equal("winback", spec.Then<TagProfile>().Tag);
        Assert.Equal(("stage", "offered"), (spec.Then<UpdateProfile>().Attribute, spec.Then<UpdateProfile>().Value));
        Assert.Equal(coupon.Code, DeciderSpec.For(journey).When(T0, Start()).Then<CreateCoupon>().Code);
        Assert.Contains("winback", spec.State.Profile!.Tags);
    }

    [Fact]
    public void SpringForwardKeepsTheLocalClockTimeOfADayLongDelay()
    {
        // New York springs forward on 2026-03-08: 10:00 EST on the 7th, one day later, is 10:00 EDT, only 23 hours on.
        var journey = With("""{ "id": "wait", "type": "delay", "for": "1d", "next": "email" }, { "id": "email", "type": "send", "template": "t1" }""");

        DeciderSpec.For(journey).When(Utc(2026, 3, 7, 15), Start(Profile("America/New_York"))).ThenWaitsUntil(Utc(2026, 3, 8, 14));
    }

    [Fact]
    public void FallBackKeepsTheLocalClockTimeOfADayLongDelay()
    {
        // New York falls back on 2026-11-01: 10:00 EDT on the 31st, one day later, is 10:00 EST, 25 hours on.
        var journey = With("""{ "id": "wait", "type": "delay", "for": "1d", "next": "email" }, { "id": "email", "type": "send", "template": "t1" }""");

        DeciderSpec.For(journey).When(Utc(2026, 10, 31, 14), Start(Profile("America/New_York"))).ThenWaitsUntil(Utc(2026, 11, 1, 15));
    }

    [Fact]
    public void ALocalTimeSkippedBySpringForwardMovesForwardByTheGap()
    {
        // Berlin skips 02:00-03:00 on Sunday 2026-03-29: "02:30" becomes 03:30 CEST (01:30 UTC).
        var journey = With("""{ "id": "wait", "type": "delay", "until": { "time": "02:30", "weekdays": ["sun"] }, "next": "email" }, { "id": "email", "type": "send", "template": "t1" }""");

        DeciderSpec.For(journey).When(Utc(2026, 3, 28, 12), Start()).ThenWaitsUntil(Utc(2026, 3, 29, 1, 30));
    }

    [Fact]
    public void ALocalTimeThatOccursTwiceAtFallBackTakesTheFirst()
    {
        // Berlin repeats 02:00-03:00 on Sunday 2026-10-25: the first 02:30 is CEST (00:30 UTC).
        var journey = With("""{ "id": "wait", "type": "delay", "until": { "time": "02:30", "weekdays": ["sun"] }, "next": "email" }, { "id": "email", "type": "send", "template": "t1" }""");

        DeciderSpec.For(journey).When(Utc(2026, 10, 24, 12), Start()).ThenWaitsUntil(Utc(2026, 10, 25, 0, 30));
    }

    [Fact]
    public void WaitsForTheLocalTimeOfACustomerInAnotherZoneThanTheShop()
    {
        // A Tokyo customer of a Berlin shop: 09:00 on the next weekday in Tokyo is 00:00 UTC.
        var journey = With("""{ "id": "wait", "type": "delay", "until": { "time": "09:00", "weekdays": ["mon", "tue", "wed", "thu", "fri"] }, "next": "email" }, { "id": "email", "type": "send", "template": "t1" }""");

        DeciderSpec.For(journey).When(Utc(2026, 3, 6, 9), Start(Profile("Asia/Tokyo"))).ThenWaitsUntil(Utc(2026, 3, 9, 0));
    }

    [Fact]
    public void WaitsUntilThreeDaysBeforeThePredictedNextOrder()
    {
        var journey = With("""{ "id": "wait", "type": "delay", "untilDate": { "field": "predictedNextOrderAt", "offset": "-3d", "time": "09:00" }, "next": "email" }, { "id": "email", "type": "send", "template": "t1" }""");
        var profile = Profile() with { LastOrderAt = Utc(2026, 3, 1, 12), AverageDaysBetweenOrders = 30 };

        // Predicted 2026-03-31 14:00 Berlin; three days before at 09:00 CEST is 07:00 UTC on the 28th.
        DeciderSpec.For(journey).When(Utc(2026, 3, 2, 9), Start(profile)).ThenWaitsUntil(Utc(2026, 3, 28, 8));
    }

    [Fact]
    public void ExitsWhenADelayWaitsForAnUnknownDateWithoutFallback()
    {
        var journey = With("""{ "id": "wait", "type": "delay", "untilDate": { "field": "predictedNextOrderAt" }, "next": "email" }, { "id": "email", "type": "send", "template": "t1" }""");

        DeciderSpec.For(journey).When(T0, Start(Profile() with { AverageDaysBetweenOrders = null })).ThenExits(ExitReason.DelayCannotEnd);
    }

    [Fact]
    public void WaitsTheFallbackWhenTheProfileDateIsUnknown()
    {
        var journey = With("""{ "id": "wait", "type": "delay", "untilDate": { "field": "predictedNextOrderAt", "fallback": "28d" }, "next": "email" }, { "id": "email", "type": "send", "template": "t1" }""");

        // 28 calendar days in Berlin cross the spring-forward on 29 March: still 10:00 local, now 08:00 UTC.
        DeciderSpec.For(journey).When(T0, Start(Profile() with { AverageDaysBetweenOrders = null })).ThenWaitsUntil(Utc(2026, 3, 30, 8));
    }

    [Fact]
    public void GoesOnAtOnceWhenTheProfileDateHasPassed()
    {
        var journey = With("""{ "id": "wait", "type": "delay", "untilDate": { "field": "lastOrderAt", "offset": "7d" }, "next": "email" }, { "id": "email", "type": "send", "template": "t1" }""");

        DeciderSpec.For(journey).When(T0, Start()).ThenNo<WaitUntil>().Then<SendEmail>();
    }

    [Fact]
    public void StopsALoopWithoutAWaitInsteadOfSpinning()
    {
        // The validator refuses this journey; the decider must still never spin.
        var journey = With("""
            { "id": "a", "type": "action", "action": "tagProfile", "tag": "x", "next": "b" },
            { "id": "b", "type": "split", "branches": [{ "when": { "trait": "orderCount", "op": "gte", "value": 0 }, "next": "a" }] }
            """);

        var spec = DeciderSpec.For(journey).When(T0, Start()).ThenExits(ExitReason.LoopGuard);
        Assert.True(spec.Effects.OfType<TagProfile>().Count() <= spec.Journey.Nodes.Count + 1);
    }

    [Fact]
    public void StopsASlowLoopAfterTheVisitLimit()
    {
        var journey = With("""
            { "id": "again", "type": "delay", "for": "1d", "next": "again" }
            """, goal: "null");
        var spec = DeciderSpec.For(journey).Given(T0, Start());

        for (var i = 0; i < JourneyDecider.MaxVisitsPerNode && spec.State.Status == EnrollmentStatus.Active; i++)
        {
            spec.GivenTimeMovesOn();
        }

        Assert.Equal(ExitReason.LoopGuard, spec.State.ExitReason);
    }

    [Fact]
    public void StateRoundTripsThroughJsonAndStaysSmall()
    {
        var journey = File.ReadAllText(Testing.RepositoryRoot.Combine("journeys", "winback.journey.json"));
        var spec = DeciderSpec.For(journey).Given(T0, Start(), SendSucceeds(T0), Email(EmailEventKind.Opened, "winback-1", T0.AddHours(1)));
        for (var i = 0; i < 10 && spec.State.Status == EnrollmentStatus.Active; i++)
        {
            spec.GivenTimeMovesOn();
        }

        var json = JsonSerializer.Serialize(spec.State, EcCrmJson.Options);
        var back = JsonSerializer.Deserialize<EnrollmentState>(json, EcCrmJson.Options)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, EcCrmJson.Options));
        Assert.True(json.Length < 4096, $"State is {json.Length} characters.");
        Assert.Equal(EnrollmentStatus.Measuring, back.Status);
        Assert.Equal(3, spec.History.OfType<SendEmail>().Count());
    }

    [Fact]
    public void InputsAndEffectsRoundTripThroughJson()
    {
        JourneyInput input = new EffectCompleted("k", new Deferred(T0, DeferReason.FrequencyCap));
        JourneyInput unconfirmed = new EffectCompleted("k", new Unconfirmed(T0, "timeout"));
        JourneyEffect effect = new SendEmail("k", "t1", "email-1", "marketing", false, "BACK-ABCDEFGH");

        Assert.Equal(input, JsonSerializer.Deserialize<JourneyInput>(JsonSerializer.Serialize(input, EcCrmJson.Options), EcCrmJson.Options));
        Assert.Equal(unconfirmed, JsonSerializer.Deserialize<JourneyInput>(JsonSerializer.Serialize(unconfirmed, EcCrmJson.Options), EcCrmJson.Options));
        Assert.Equal(effect, JsonSerializer.Deserialize<JourneyEffect>(JsonSerializer.Serialize(effect, EcCrmJson.Options), EcCrmJson.Options));
    }
}
