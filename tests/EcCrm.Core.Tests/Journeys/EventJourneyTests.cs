using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Entry;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Simulation;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Profiles;
using EcCrm.Core.Tracking;
using EcCrm.Testing;
using static EcCrm.Core.Tests.Journeys.Journeys;

namespace EcCrm.Core.Tests.Journeys;

/// <summary>Journeys entered on a shop event, waiting for one, and leaving on an order: reader, entry, decider and simulator.</summary>
public class EventJourneyTests
{
    private static readonly DateTimeOffset Now = Utc(2026, 3, 7, 18, 20);
    private static readonly CustomerKey Key = TestKeys.ForEmail("lena@example.de");
    private static readonly SimulationSettings Berlin = new("Europe/Berlin", "EUR", new SweepOptions());

    private static readonly string CheckoutJourney = With(
        """
        { "id": "wait-1h", "type": "delay", "for": "1h", "next": "email-1" },
        { "id": "email-1", "type": "send", "template": "t1", "next": "back" },
        { "id": "back", "type": "waitFor", "branches": [{ "event": "checkoutStarted", "next": "email-2" }], "timeout": "1d", "timeoutNext": "done" },
        { "id": "email-2", "type": "send", "template": "t2" },
        { "id": "done", "type": "exit" }
        """,
        trigger: """{ "type": "event", "event": "checkoutStarted", "minValue": 50 }""");

    private static EventTracked Checkout(string id, DateTimeOffset at, decimal value = 89m) => new(id, TrackedEventType.CheckoutStarted, at, value, ["grinder-hand"]);

    private static EntryDecision Evaluate(string journey, CustomerProfile customer, EventTracked? tracked) =>
        EntryEvaluation.Evaluate(JourneyParser.Parse(journey).Definition!, customer, PriorEnrollments.None, Now, "Europe/Berlin", tracked: tracked);

    [Fact]
    public void EntersOnACheckoutWorthAtLeastTheTriggersMinimumAndNotOnASmallerOne()
    {
        var customer = CustomerProfile.Empty(Key);

        Assert.IsType<EnterJourney>(Evaluate(CheckoutJourney, customer, Checkout("co-1", Now, 89m)));
        var small = Assert.IsType<SkipEntry>(Evaluate(CheckoutJourney, customer, Checkout("co-2", Now, 20m)));
        Assert.Equal("the checkoutStarted is worth 20, less than 50", small.Reason);
        Assert.IsType<SkipEntry>(Evaluate(CheckoutJourney, customer, null));
        Assert.IsType<SkipEntry>(Evaluate(CheckoutJourney, customer, new EventTracked("pv-1", TrackedEventType.ProductViewed, Now, 89m, ["grinder-hand"])));
    }

    [Fact]
    public void DoesNotEnterWhenTheCheckoutsOrderWasIngestedBeforeTheCheckoutEvent()
    {
        var ordered = CustomerProfile.Empty(Key) with { OrderCount = 1, LastOrderAt = Now.AddMinutes(4) };

        var skip = Assert.IsType<SkipEntry>(Evaluate(CheckoutJourney, ordered, Checkout("co-1", Now)));

        Assert.StartsWith("ordered at", skip.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AWaitForATrackedEventTakesItsBranchOnceAndIgnoresACopyOrAnEventFromBeforeEntry()
    {
        var spec = DeciderSpec.For(CheckoutJourney)
            .Given(Now, Inputs.Start())
            .Given(Now.AddHours(1), Inputs.TimerFires)
            .Given(Now.AddHours(1), Inputs.SendSucceeds(Now.AddHours(1)));
        Assert.Equal("back", spec.State.Node);

        spec.When(Now.AddHours(2), _ => Checkout("co-0", Now.AddHours(-1))).ThenNothingHappens();
        spec.When(Now.AddHours(3), _ => Checkout("co-2", Now.AddHours(3)));
        var send = spec.Then<SendEmail>();
        Assert.Equal("t2", send.TemplateId);
        spec.When(Now.AddHours(3), _ => Checkout("co-2", Now.AddHours(3))).ThenNothingHappens();
    }

    [Fact]
    public void AnEventNoNodeAsksAboutLeavesTheEnrollmentAsItWas()
    {
        var spec = DeciderSpec.For(CheckoutJourney).Given(Now, Inputs.Start());
        var before = spec.State;

        spec.When(Now.AddMinutes(5), _ => new EventTracked("pv-1", TrackedEventType.ProductViewed, Now.AddMinutes(5), 10m, ["filter-100"])).ThenNothingHappens();

        Assert.Same(before, spec.State);
    }

    [Fact]
    public void AnOrderAfterTheCheckoutEndsTheJourney()
    {
        DeciderSpec.For(CheckoutJourney)
            .Given(Now, Inputs.Start())
            .When(Now.AddMinutes(30), Inputs.Order("5002", Now.AddMinutes(30)))
            .ThenExits(ExitReason.OrderPlaced)
            .ThenNo<SendEmail>();
    }

    [Fact]
    public void TheReaderSaysWhereAnEventTriggerOrBranchIsWrong()
    {
        var unknown = JourneyParser.Parse(With("""{ "id": "done", "type": "exit" }""", trigger: """{ "type": "event", "event": "checkoutStartd" }"""));
        var error = Assert.Single(unknown.Errors);
        Assert.Equal("$.entry.trigger.event", error.Path);
        Assert.Contains("checkoutStarted", error.Fix ?? error.Message, StringComparison.Ordinal);

        var template = JourneyParser.Parse(With(
            """{ "id": "w", "type": "waitFor", "branches": [{ "event": "addedToCart", "template": "t1", "next": "done" }], "timeout": "1d" }, { "id": "done", "type": "exit" }""",
            trigger: """{ "type": "event", "event": "productViewed" }"""));
        Assert.Equal("$.nodes[0].branches[0].template", Assert.Single(template.Errors).Path);

        var search = JourneyParser.Parse(With("""{ "id": "done", "type": "exit" }""", trigger: """{ "type": "event", "event": "searched", "minValue": 10 }"""));
        Assert.Equal("$.entry.trigger.minValue", Assert.Single(search.Errors).Path);
    }

    [Fact]
    public async Task TheSchemaAcceptsAnEventTriggerAndRejectsAnUnknownEvent()
    {
        var schema = await JourneyValidatorTests.PublishedSchema();

        Assert.Empty(schema.Validate(With("""{ "id": "done", "type": "exit" }""", trigger: """{ "type": "event", "event": "addedToCart", "minValue": 10, "productIds": ["a"] }""")));
        Assert.NotEmpty(schema.Validate(With("""{ "id": "done", "type": "exit" }""", trigger: """{ "type": "event", "event": "wishlisted" }""")));
    }

    [Fact]
    public void TheAbandonedCheckoutSampleWritesAfterAnHourADayAndWithACouponAtSeventyTwoHours()
    {
        var result = Simulate("abandoned-checkout");

        var checkout = new DateTimeOffset(2026, 3, 7, 18, 20, 0, TimeSpan.Zero);
        var sends = result.Events.Where(e => e.What == "sent").ToList();
        Assert.Equal(["checkout-1", "checkout-2", "checkout-3"], sends.Select(e => e.Detail));
        Assert.Equal([checkout.AddHours(1), checkout.AddHours(24), checkout.AddHours(72)], sends.Select(e => e.At));
        Assert.Single(result.Events, e => e.What == "action" && e.Detail.StartsWith("coupon CART-", StringComparison.Ordinal));
        Assert.Equal("5002", Assert.Single(result.Enrollments).ConvertedOrderId);
    }

    [Fact]
    public void TheAbandonedCheckoutSampleEndsWhenTheCustomerOrdersBeforeTheCoupon()
    {
        var result = Simulate("abandoned-checkout", customer => customer.Replace("2026-03-11T08:30:00Z", "2026-03-08T09:00:00Z", StringComparison.Ordinal));

        Assert.Equal(["checkout-1"], result.Events.Where(e => e.What == "sent").Select(e => e.Detail));
        Assert.Equal("exited: ordered again", Assert.Single(result.Enrollments).Outcome);
        Assert.DoesNotContain(result.Events, e => e.What == "action");
    }

    [Fact]
    public void TheAbandonedCheckoutSampleLeavesASmallCheckoutAlone()
    {
        var result = Simulate("abandoned-checkout", customer => customer.Replace("\"value\": 89.00", "\"value\": 12.00", StringComparison.Ordinal));

        Assert.Empty(result.Enrollments);
        Assert.Contains("less than 20", result.NotEnteredBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBrowseAbandonmentSampleWritesAtMostOnceAWeekAndStopsWhenTheCustomerCarts()
    {
        var result = Simulate("browse-abandonment");

        var sent = Assert.Single(result.Events, e => e.What == "sent");
        Assert.Equal("browse-1", sent.Detail);
        Assert.Equal(new DateTimeOffset(2026, 4, 7, 11, 5, 0, TimeSpan.Zero), sent.At);
        Assert.Equal(2, result.Enrollments.Count);
        Assert.Equal(new DateTimeOffset(2026, 4, 14, 10, 0, 0, TimeSpan.Zero), result.Enrollments[1].EnteredAt);
        Assert.Contains(result.Events, e => e.Enrollment == 2 && e.What == "branch" && e.Detail.StartsWith("addedToCart", StringComparison.Ordinal));
    }

    private static SimulationResult Simulate(string sample, Func<string, string>? editCustomer = null)
    {
        var journey = JourneyParser.Parse(File.ReadAllText(RepositoryRoot.Combine("journeys", $"{sample}.journey.json")));
        Assert.True(journey.IsValid, string.Join(Environment.NewLine, journey.Errors));
        var customer = File.ReadAllText(RepositoryRoot.Combine("journeys", "customers", $"{sample}.customer.json"));
        var timeline = CustomerTimelineParser.Parse(editCustomer?.Invoke(customer) ?? customer);
        Assert.True(timeline.IsValid, string.Join(Environment.NewLine, timeline.Errors));
        return JourneySimulator.Run(journey.Definition!, timeline.Timeline, Berlin);
    }
}
