using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Entry;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Profiles;
using EcCrm.Core.Segments;
using static EcCrm.Core.Tests.Journeys.Journeys;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Journeys;

public class EntryEvaluationTests
{
    private static readonly DateTimeOffset Now = Utc(2026, 3, 2, 5);
    private static readonly CustomerKey Key = TestKeys.ForEmail("ana@example.com");

    private static JourneyDefinition Journey(string entry) => JourneyParser.Parse($$"""
        { "id": "test-journey", "version": 1, "name": "T", "entry": {{entry}}, "goal": { "orderWithinDays": 30 },
          "nodes": [{ "id": "email", "type": "send", "template": "t1" }] }
        """).Definition ?? throw new InvalidOperationException("Invalid test journey.");

    private static CustomerProfile Customer(int lastOrderDaysAgo = 61, double? usualInterval = 20, int orders = 3, RfmSegment segment = RfmSegment.AtRisk) =>
        CustomerProfile.Empty(Key) with
        {
            OrderCount = orders,
            LastOrderAt = Now.AddDays(-lastOrderDaysAgo),
            AverageDaysBetweenOrders = usualInterval,
            Segment = segment,
            TimeZone = "Europe/Berlin",
        };

    private static EntryDecision Evaluate(JourneyDefinition journey, CustomerProfile customer, PriorEnrollments? prior = null, OrderPlaced? order = null) =>
        EntryEvaluation.Evaluate(journey, customer, prior ?? PriorEnrollments.None, Now, "Europe/Berlin", order);

    [Fact]
    public void EntersACustomerWithNoOrderForTheGivenDaysWithADeterministicEnrollmentId()
    {
        var enter = Assert.IsType<EnterJourney>(Evaluate(Journey("""{ "trigger": { "type": "inactivity", "days": 60 } }"""), Customer()));

        Assert.Equal($"test-journey:{Key.Value}:1", enter.EnrollmentId);
        Assert.Equal(EnrollmentGroup.Treatment, enter.Group);
    }

    [Fact]
    public void SkipsACustomerWhoOrderedRecently()
    {
        var skip = Assert.IsType<SkipEntry>(Evaluate(Journey("""{ "trigger": { "type": "inactivity", "days": 60 } }"""), Customer(lastOrderDaysAgo: 10)));

        Assert.Equal("last ordered 10 days ago; enters after 60", skip.Reason);
    }

    [Fact]
    public void MeasuresInactivityInTheCustomersOwnReorderIntervals()
    {
        var journey = Journey("""{ "trigger": { "type": "inactivity", "intervals": 2 } }""");

        Assert.IsType<EnterJourney>(Evaluate(journey, Customer(lastOrderDaysAgo: 41, usualInterval: 20)));
        Assert.IsType<SkipEntry>(Evaluate(journey, Customer(lastOrderDaysAgo: 39, usualInterval: 20)));
        Assert.Equal("has no usual re-order interval yet (fewer than two orders)", Assert.IsType<SkipEntry>(Evaluate(journey, Customer(usualInterval: null, orders: 1))).Reason);
    }

    [Fact]
    public void FallsBackToDaysForCustomersWithoutAnInterval()
    {
        var journey = Journey("""{ "trigger": { "type": "inactivity", "intervals": 2, "days": 60 } }""");

        Assert.IsType<EnterJourney>(Evaluate(journey, Customer(lastOrderDaysAgo: 61, usualInterval: null, orders: 1)));
    }

    [Fact]
    public void EntersOncePerPeriodOfInactivity()
    {
        var journey = Journey("""{ "trigger": { "type": "inactivity", "days": 60 }, "reentry": { "policy": "afterExit" } }""");
        var prior = new PriorEnrollments(1, Now.AddDays(-1), Now.AddHours(-1), false);

        Assert.Equal("already entered since the last order", Assert.IsType<SkipEntry>(Evaluate(journey, Customer(), prior)).Reason);
    }

    [Fact]
    public void NeverLetsACustomerEnterTwiceWhenReentryIsNever()
    {
        var prior = new PriorEnrollments(1, Now.AddDays(-300), Now.AddDays(-270), false);

        Assert.IsType<SkipEntry>(Evaluate(Journey("""{ "trigger": { "type": "inactivity", "days": 60 } }"""), Customer(), prior));
    }

    [Fact]
    public void LetsACustomerEnterAgainAfterTheCooldownAsTheNextCycle()
    {
        var journey = Journey("""{ "trigger": { "type": "inactivity", "days": 60 }, "reentry": { "policy": "cooldown", "cooldownDays": 180, "maxEntries": 3 } }""");

        Assert.IsType<SkipEntry>(Evaluate(journey, Customer(), new PriorEnrollments(1, Now.AddDays(-100), Now.AddDays(-70), false)));
        Assert.Equal($"test-journey:{Key.Value}:2", Assert.IsType<EnterJourney>(Evaluate(journey, Customer(), new PriorEnrollments(1, Now.AddDays(-200), Now.AddDays(-170), false))).EnrollmentId);
        Assert.IsType<SkipEntry>(Evaluate(journey, Customer(), new PriorEnrollments(3, Now.AddDays(-400), Now.AddDays(-370), false)));
    }

    /// <summary>Re-entry rules and earlier enrollments, with the first moment they let the customer in again (null: never).</summary>
    public static TheoryData<string, PriorEnrollments, DateTimeOffset?> ReentryCases => new()
    {
        { """{ "policy": "never" }""", PriorEnrollments.None, DateTimeOffset.MinValue },
        { """{ "policy": "never" }""", new PriorEnrollments(1, Now.AddDays(-300), Now.AddDays(-270), false), null },
        { """{ "policy": "cooldown", "cooldownDays": 180 }""", new PriorEnrollments(1, Now.AddDays(-100), Now.AddDays(-70), false), Now.AddDays(80) },
        { """{ "policy": "cooldown", "cooldownDays": 180, "maxEntries": 2 }""", new PriorEnrollments(2, Now.AddDays(-400), Now.AddDays(-370), false), null },
        { """{ "policy": "afterExit" }""", new PriorEnrollments(1, Now.AddDays(-100), null, true), null },
        { """{ "policy": "afterExit" }""", new PriorEnrollments(1, Now.AddDays(-100), Now.AddDays(-70), false), DateTimeOffset.MinValue },
    };

    [Theory]
    [MemberData(nameof(ReentryCases))]
    public void TellsTheEarliestEntryTheReentryRulesAllow(string reentry, PriorEnrollments prior, DateTimeOffset? earliest)
    {
        var journey = Journey($$"""{ "trigger": { "type": "inactivity", "days": 60 }, "reentry": {{reentry}} }""");

        Assert.Equal(earliest, EntryEvaluation.EarliestEntry(journey.Entry.Reentry, prior));

        // Evaluate holds the customer back before that moment and for re-entry reasons only then.
        foreach (var at in new[] { Now, Now.AddDays(79), Now.AddDays(80), Now.AddDays(81) })
        {
            var heldBack = earliest is not { } first || at < first;
            var decision = EntryEvaluation.Evaluate(journey, Customer() with { LastOrderAt = at.AddDays(-61) }, prior, at, "Europe/Berlin");
            Assert.Equal(heldBack, decision is SkipEntry);
        }
    }

    [Fact]
    public void LetsACustomerEnterAgainOnlyAfterTheLastEnrollmentEnded()
    {
        var journey = Journey("""{ "trigger": { "type": "orderPlaced" }, "reentry": { "policy": "afterExit" } }""");
        var order = new OrderPlaced("1001", Now, 20m, ["p1"], ["coffee"]);

        Assert.Equal("still in the journey", Assert.IsType<SkipEntry>(Evaluate(journey, Customer(), new PriorEnrollments(1, Now.AddDays(-3), null, true), order)).Reason);
        Assert.IsType<EnterJourney>(Evaluate(journey, Customer(), new PriorEnrollments(1, Now.AddDays(-3), Now, false), order));
    }

    [Fact]
    public void EntersOnAFirstOrderOrAnOrderWithTheRightCategory()
    {
        var first = Journey("""{ "trigger": { "type": "orderPlaced", "which": "first" } }""");
        var coffee = Journey("""{ "trigger": { "type": "orderPlaced", "categories": ["coffee"] } }""");
        var order = new OrderPlaced("1001", Now, 20m, ["p1"], ["Coffee"]);

        Assert.IsType<EnterJourney>(Evaluate(first, Customer(orders: 1), order: order));
        Assert.Equal("not the customer's first order", Assert.IsType<SkipEntry>(Evaluate(first, Customer(orders: 2), order: order)).Reason);
        Assert.IsType<EnterJourney>(Evaluate(coffee, Customer(), order: order));
        Assert.IsType<SkipEntry>(Evaluate(coffee, Customer(), order: order with { Categories = ["tea"] }));
        Assert.IsType<SkipEntry>(Evaluate(coffee, Customer()));
    }

    [Fact]
    public void EntersCustomersInTheSegment()
    {
        var journey = Journey("""{ "trigger": { "type": "segment", "segments": ["atRisk", "cannotLoseThem"] } }""");

        Assert.IsType<EnterJourney>(Evaluate(journey, Customer(segment: RfmSegment.AtRisk)));
        Assert.IsType<SkipEntry>(Evaluate(journey, Customer(segment: RfmSegment.Champions)));
    }

    [Fact]
    public void ChecksTheEntryFilterOnce()
    {
        var journey = Journey("""{ "trigger": { "type": "inactivity", "days": 60 }, "filter": { "trait": "orderCount", "op": "gte", "value": 2 } }""");

        Assert.IsType<EnterJourney>(Evaluate(journey, Customer(orders: 2)));
        var skip = Assert.IsType<SkipEntry>(Evaluate(journey, Customer(orders: 1)));
        Assert.Equal(("the entry filter does not hold: orderCount gte 2 does not hold: 1 order", EntryStage.Filter), (skip.Reason, skip.Stage));
    }

    [Fact]
    public void HoldsOutTheGivenShareByAHashOfTheEnrollmentId()
    {
        var journey = Journey("""{ "trigger": { "type": "inactivity", "days": 60 }, "holdout": { "percent": 10, "salt": "h1" } }""");
        var groups = Enumerable.Range(0, 5000)
            .Select(i => Assert.IsType<EnterJourney>(Evaluate(journey, Customer() with { Key = TestKeys.ForEmail($"c{i}@example.com") })).Group)
            .ToList();

        Assert.InRange(groups.Count(g => g == EnrollmentGroup.Holdout), 420, 580);
        Assert.Equal(Evaluate(journey, Customer()), Evaluate(journey, Customer()));
    }
}
