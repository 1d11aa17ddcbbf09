using System.Text.Json.Nodes;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Simulation;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Journeys;

public class JourneySimulatorTests
{
    /// <summary>A shop in Berlin that sells in euros, with the Server's default sweep (02:00 shop time).</summary>
    private static readonly SimulationSettings Berlin = new("Europe/Berlin", "EUR", new SweepOptions());

    private static JourneyDefinition Sample(string journeyFile, Action<JsonNode>? edit = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("journeys", journeyFile)))!;
        edit?.Invoke(json);
        var journey = JourneyParser.Parse(json.ToJsonString());
        Assert.True(journey.IsValid, string.Join(Environment.NewLine, journey.Errors));
        return journey.Definition;
    }

    private static CustomerTimeline Timeline(string journeyFile, Func<string, string>? editCustomer = null, string? shopCurrency = "EUR")
    {
        var customer = File.ReadAllText(RepositoryRoot.Combine("journeys", "customers", journeyFile.Replace(".journey.json", ".customer.json", StringComparison.Ordinal)));
        var timeline = CustomerTimelineParser.Parse(editCustomer?.Invoke(customer) ?? customer, shopCurrency);
        Assert.True(timeline.IsValid, string.Join(Environment.NewLine, timeline.Errors));
        return timeline.Timeline;
    }

    private static SimulationResult Simulate(string journeyFile, Func<string, string>? editCustomer = null, SimulationSettings? settings = null) =>
        JourneySimulator.Run(Sample(journeyFile), Timeline(journeyFile, editCustomer), settings ?? Berlin);

    [Fact]
    public void ShowsWinBackEmailsOnTheCustomersClockAndTheConversion()
    {
        var result = Simulate("winback.journey.json");

        var sends = result.Events.Where(e => e.What == "sent").ToList();
        Assert.Equal(["winback-1", "winback-2", "winback-3"], sends.Select(e => e.Detail));
        Assert.All(sends, e => Assert.InRange(e.LocalAt.Hour, 8, 20));
        Assert.Equal(TimeSpan.FromHours(-5), sends[0].LocalAt.Offset);
        Assert.Equal(TimeSpan.FromHours(-4), sends[1].LocalAt.Offset);
        var enrollment = Assert.Single(result.Enrollments);
        Assert.Equal("1187", enrollment.ConvertedOrderId);
        Assert.Equal("completed: converted", enrollment.Outcome);
    }

    [Fact]
    public void FindsTheCustomerAtTheSweepTheServerRunsAtTwoInTheMorningShopTime()
    {
        var result = Simulate("winback.journey.json");

        // Her last order was placed on 5 January (Berlin); the sweep of 7 March at 02:00 in Berlin (01:00 UTC, 20:00 of
        // the day before in New York, before her quiet hours) is the first to find her 60 days idle.
        var entry = Assert.Single(result.Events, e => e.What == "entry");
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 1, 0, 0, TimeSpan.Zero), entry.At);
        Assert.Equal(entry.At, result.Events.First(e => e.What == "sent").At);
        Assert.Equal(("Europe/Berlin", "0 2 * * *"), (result.ShopTimeZone, result.SweepSchedule));
    }

    [Fact]
    public void DefersTheFirstWinBackEmailOutOfTheNightWhenTheSweepRunsInIt()
    {
        // A sweep at 06:00 in Berlin is midnight in New York: the e-mail waits for the end of her quiet hours (08:00).
        var result = Simulate("winback.journey.json", settings: Berlin with { Sweep = new SweepOptions { Schedule = "0 6 * * *" } });

        var deferred = Assert.Single(result.Events, e => e.What == "deferred");
        Assert.Equal("winback-1: quiet hours", deferred.Detail);
        var sent = result.Events.First(e => e.What == "sent");
        Assert.Equal((8, 0, 0), (sent.LocalAt.Hour, sent.LocalAt.Minute, sent.LocalAt.Second));
    }

    [Fact]
    public void TheShopsTimeZoneDecidesTheDayOfTheSweep()
    {
        // In Tokyo her last order fell on 6 January (02:45 there), and the sweep at 02:00 Tokyo time is 17:00 UTC the day before.
        var result = Simulate("winback.journey.json", settings: Berlin with { ShopTimeZone = "Asia/Tokyo" });

        Assert.Equal(new DateTimeOffset(2026, 3, 7, 17, 0, 0, TimeSpan.Zero), Assert.Single(result.Events, e => e.What == "entry").At);
    }

    [Fact]
    public void ExitsWhenTheCustomerOrdersWhileTheJourneyIsWaiting()
    {
        var result = Simulate("winback.journey.json", customer => customer.Replace("2026-03-20T23:30:00Z", "2026-03-09T12:00:00Z", StringComparison.Ordinal));

        var enrollment = Assert.Single(result.Enrollments);
        Assert.Equal("exited: ordered again", enrollment.Outcome);
        Assert.Equal(1, enrollment.EmailsSent);
    }

    [Fact]
    public void BlocksEveryEmailWithoutConsent()
    {
        var result = Simulate("winback.journey.json", customer => customer.Replace("\"acceptsMarketing\": true", "\"acceptsMarketing\": false", StringComparison.Ordinal));

        Assert.DoesNotContain(result.Events, e => e.What == "sent");
        Assert.Equal(3, result.Events.Count(e => e.What == "blocked"));
    }

    [Fact]
    public void BlocksEveryEmailToACustomerWithNoRecordedOptInForThatReason()
    {
        var result = Simulate("winback.journey.json", customer => System.Text.RegularExpressions.Regex.Replace(customer, @",\s*""acceptsMarketing"": true", string.Empty));

        Assert.DoesNotContain(result.Events, e => e.What == "sent");
        Assert.Equal("winback-1: no recorded opt-in", result.Events.First(e => e.What == "blocked").Detail);
    }

    [Fact]
    public void CountsOtherJourneysEmailsTowardTheFrequencyCap()
    {
        // Three e-mails from other journeys in the week before the first win-back e-mail: the cap of 3 in 7 days defers it.
        var result = Simulate("winback.journey.json", customer => customer.Replace(
            "\"emailEvents\"",
            "\"otherSends\": [\"2026-03-02T15:00:00Z\", \"2026-03-04T15:00:00Z\", \"2026-03-06T15:00:00Z\"],\n  \"emailEvents\"",
            StringComparison.Ordinal));

        // The cap frees up on 9 March at 15:00 UTC, 11:00 in New York: no quiet hours then.
        Assert.Equal("winback-1: frequency cap", Assert.Single(result.Events, e => e.What == "deferred").Detail);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.Zero), result.Events.First(e => e.What == "sent").At);
    }

    [Fact]
    public void SaysWhyACustomerDidNotEnter()
    {
        var result = Simulate("winback.journey.json", customer => customer.Replace("\"days\": 90", "\"days\": 10", StringComparison.Ordinal));

        Assert.Empty(result.Enrollments);
        Assert.StartsWith("not due yet: last ordered", result.NotEnteredBecause, StringComparison.Ordinal);
        Assert.Contains("found by the sweep of 2026-03-07", result.NotEnteredBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void GivesTheRealReasonACoffeeCustomerFacingATeaFilterDidNotEnter()
    {
        // A coffee-only customer becomes 60 days idle early in the period and orders coffee again late in it. The sweep that
        // found her due turned her away for the filter; the checks after her new order only say she ordered recently.
        var tea = Sample("winback.journey.json", journey => journey["entry"]!["filter"] = JsonNode.Parse("""{ "trait": "categories", "op": "contains", "value": "tea" }"""));
        var timeline = Timeline("winback.journey.json", customer => customer
            .Replace("\"productId\": \"filter-100\", \"title\": \"Paper filters\", \"categories\": [\"accessories\"]", "\"productId\": \"beans-250\", \"title\": \"Beans 250 g\", \"categories\": [\"coffee\"]", StringComparison.Ordinal)
            .Replace("2026-01-05T17:45:00Z", "2025-12-20T10:00:00Z", StringComparison.Ordinal)
            .Replace("2026-03-20T23:30:00Z", "2026-04-15T10:00:00Z", StringComparison.Ordinal));

        var result = JourneySimulator.Run(tea, timeline, Berlin);

        Assert.Empty(result.Enrollments);
        Assert.Equal(
            "the entry filter does not hold: categories contains \"tea\" does not hold: bought coffee (the sweep, 2026-02-19 01:00 UTC)",
            result.NotEnteredBecause);
    }

    [Fact]
    public void StartsTheNextReplenishmentCycleWithTheOrderThatEndedTheLast()
    {
        var result = Simulate("replenishment.journey.json");

        Assert.Equal(2, result.Enrollments.Count);
        Assert.Equal(("3004", "completed: converted"), (result.Enrollments[0].ConvertedOrderId, result.Enrollments[0].Outcome));
        Assert.EndsWith(":2", result.Enrollments[1].EnrollmentId, StringComparison.Ordinal);
        Assert.Equal(result.Enrollments[0].EndedAt, result.Enrollments[1].EnteredAt);

        // Three days before her usual 30-day rhythm would have her order again, at 09:00 in Rome.
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.FromHours(2)), result.Events.First(e => e.What == "sent").LocalAt);
    }

    [Fact]
    public void TimesSendsOnTheCustomersClockWhateverTheShopsZone()
    {
        var result = Simulate("first-to-second.journey.json");

        Assert.Equal("Asia/Tokyo", result.CustomerTimeZone);
        Assert.All(result.Events.Where(e => e.What == "sent"), e => Assert.Equal(TimeSpan.FromHours(9), e.LocalAt.Offset));
        Assert.Contains(result.Events, e => e.What == "sent" && e.Detail == "nurture-offer" && e.LocalAt.Hour == 10);
    }

    [Fact]
    public void PrintsEachOrderInItsOwnCurrencyAndTheShopsWhenItNamesNone()
    {
        var timeline = Timeline("winback.journey.json", customer => customer
            .Replace("\"total\": 72.00, \"currency\": \"EUR\"", "\"total\": 9800, \"currency\": \"JPY\"", StringComparison.Ordinal)
            .Replace("\"total\": 31.50, \"currency\": \"EUR\", ", "\"total\": 31.50, ", StringComparison.Ordinal), shopCurrency: "USD");

        var result = JourneySimulator.Run(Sample("winback.journey.json"), timeline, Berlin);

        Assert.Equal("order 1187, 9800.00 JPY", Assert.Single(result.Events, e => e.What == "order").Detail);
        Assert.Equal("USD", timeline.Orders.Single(order => order.OrderId == "1044").Currency);
        Assert.Equal("JPY", Assert.Single(result.Enrollments).ConvertedCurrency);
    }

    [Fact]
    public void RefusesAnOrderWithoutACurrencyWhenTheShopHasNone()
    {
        var customer = File.ReadAllText(RepositoryRoot.Combine("journeys", "customers", "winback.customer.json"))
            .Replace("\"total\": 31.50, \"currency\": \"EUR\", ", "\"total\": 31.50, ", StringComparison.Ordinal);

        var result = CustomerTimelineParser.Parse(customer, shopCurrency: null);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.orders[1]", error.Path);
        Assert.Contains("Shop__Currency", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAShopTimeZoneInATimelineForItIsTheShopsSetting()
    {
        var result = CustomerTimelineParser.Parse("""
            { "customer": { "email": "a@example.com" }, "shopTimeZone": "Europe/Berlin", "simulate": { "from": "2026-03-01T00:00:00Z" } }
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.shopTimeZone", error.Path);
        Assert.Contains("Shop__TimeZone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsTimelineMistakesWithTheirPaths()
    {
        var result = CustomerTimelineParser.Parse("""{ "customer": { "email": "a@example.com", "timeZone": "Europe/Berlinn" }, "simulate": { "from": "2026-03-01" } }""");

        Assert.Equal(["$.customer.timeZone", "$.simulate.from"], result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void ShrugsOffAnOrderDeliveredTwiceATimerDeliveredTwiceAndATimerForAStepAlreadyLeft()
    {
        // A win-back that does not exit on orders hears her order of 9 March (during the first wait) and goes on.
        var journey = Sample("winback.journey.json", journey => journey["exit"] = JsonNode.Parse("""["unsubscribed"]"""));
        var ordersEarly = (string customer) => customer.Replace("2026-03-20T23:30:00Z", "2026-03-09T12:00:00Z", StringComparison.Ordinal);
        var plain = JourneySimulator.Run(journey, Timeline("winback.journey.json", ordersEarly), Berlin);
        var injected = JourneySimulator.Run(journey, Timeline("winback.journey.json", customer => ordersEarly(customer).Replace(
            "\"emailEvents\"",
            """
            "inject": [
                { "order": "1187", "copies": 2 },
                { "timer": "wait-1", "copies": 2 },
                { "timer": "wait-1", "late": "1d" }
              ],
              "emailEvents"
            """,
            StringComparison.Ordinal)), Berlin);

        Assert.Equal(
        [
            (new DateTimeOffset(2026, 3, 9, 12, 0, 0, TimeSpan.Zero), "order 1187 was heard already: nothing happens"),
            (new DateTimeOffset(2026, 3, 12, 0, 0, 0, TimeSpan.Zero), "not the enrollment's current timer (its step was left): nothing happens"),
            (new DateTimeOffset(2026, 3, 13, 0, 0, 0, TimeSpan.Zero), "not the enrollment's current timer (its step was left): nothing happens"),
        ],
            injected.Events.Where(e => e.What == "ignored").Select(e => (e.At, e.Detail)));
        Assert.Contains(injected.Events, e => e.What == "order" && e.Detail == "order 1187, 72.00 EUR, delivered again");
        Assert.Contains(injected.Events, e => e.What == "duplicate" && e.NodeId == "wait-1");
        Assert.Contains(injected.Events, e => e.What == "late" && e.NodeId == "wait-1");

        // Whatever came twice or late, the same e-mails went out at the same times, and the order converted once.
        Assert.Equal(3, Sends(plain).Count);
        Assert.Equal(Sends(plain), Sends(injected));
        Assert.Equal(plain.Enrollments, injected.Enrollments);
        Assert.Single(injected.Events, e => e.What == "converted");
    }

    [Fact]
    public void AnOrderWhoseWebhookArrivesDaysLateStillEndsTheWinBackAndConvertsAsPlaced()
    {
        var result = Simulate("winback.journey.json", customer => customer
            .Replace("2026-03-20T23:30:00Z", "2026-03-09T12:00:00Z", StringComparison.Ordinal)
            .Replace("\"emailEvents\"", "\"inject\": [{ \"order\": \"1187\", \"late\": \"3d\" }],\n  \"emailEvents\"", StringComparison.Ordinal));

        var order = Assert.Single(result.Events, e => e.What == "order");
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 12, 0, 0, TimeSpan.Zero), order.At);
        var enrollment = Assert.Single(result.Enrollments);
        Assert.Equal(("exited: ordered again", "1187"), (enrollment.Outcome, enrollment.ConvertedOrderId));
        Assert.Equal(2, enrollment.EmailsSent); // e-mail 2 went out on 11 March, before the order was heard of
    }

    [Fact]
    public void RunsSeveralJourneysForOneCustomerWithOneFrequencyCapAndTheirPriorities()
    {
        // Two win-backs that find her at the same sweep, in the middle of her night, each allowing one marketing e-mail a
        // week across journeys: when the night ends, the journey of first priority sends, and the other, tried half a
        // minute later, finds the cap taken and waits a week.
        var settings = Berlin with { Sweep = new SweepOptions { Schedule = "0 6 * * *" } };
        JourneyDefinition Winback(string id, int priority) => Sample("winback.journey.json", journey =>
        {
            journey["id"] = id;
            journey["sendPolicy"]!["priority"] = priority;
            journey["sendPolicy"]!["frequencyCap"] = JsonNode.Parse("""{ "maxSends": 1, "perDays": 7 }""");
        });
        var timeline = Timeline("winback.journey.json");

        var vipFirst = JourneySimulator.Run([Winback("winback-a", 2), Winback("winback-vip", 1)], timeline, settings);
        var vipLast = JourneySimulator.Run([Winback("winback-a", 1), Winback("winback-vip", 3)], timeline, settings);

        Assert.Equal(["winback-vip", "winback-a"], vipFirst.Journeys.Select(journey => journey.JourneyId));
        Assert.Equal(("winback-vip", new DateTimeOffset(2026, 3, 7, 13, 0, 0, TimeSpan.Zero)), FirstSend(vipFirst));
        Assert.Equal(("winback-a", new DateTimeOffset(2026, 3, 7, 13, 0, 0, TimeSpan.Zero)), FirstSend(vipLast));
        Assert.Contains(vipFirst.Events, e => e.JourneyId == "winback-a" && e.What == "deferred" && e.Detail == "winback-1: frequency cap");
        Assert.Contains(vipLast.Events, e => e.JourneyId == "winback-vip" && e.What == "deferred" && e.Detail == "winback-1: frequency cap");
    }

    [Fact]
    public void ExitsASegmentJourneyWhenAnOrderMovesTheCustomerOutOfTheSegment()
    {
        var atRisk = JourneyParser.Parse(Journeys.With(
            """
            { "id": "email-1", "type": "send", "template": "t1", "next": "wait" },
            { "id": "wait", "type": "delay", "for": "30d", "next": "email-2" },
            { "id": "email-2", "type": "send", "template": "t2" }
            """,
            exit: "[\"leftSegment\"]",
            trigger: "{ \"type\": \"segment\", \"segments\": [\"needsAttention\"] }")).Definition!;

        // Ana (two orders, the last on 5 January) is in needsAttention from early March (61+ days idle); her order of
        // 20 March makes her potentialLoyalist: the running enrollment hears of it and exits.
        var result = JourneySimulator.Run(atRisk, Timeline("winback.journey.json"), Berlin);

        var enrollment = Assert.Single(result.Enrollments);
        Assert.Equal("exited: left the segment", enrollment.Outcome);
        Assert.Equal(new DateTimeOffset(2026, 3, 20, 23, 30, 0, TimeSpan.Zero), enrollment.EndedAt);
    }

    private static List<(string Journey, string Detail, DateTimeOffset At)> Sends(SimulationResult result) =>
        [.. result.Events.Where(e => e.What == "sent").Select(e => (e.JourneyId, e.Detail, e.At))];

    private static (string Journey, DateTimeOffset At) FirstSend(SimulationResult result) =>
        result.Events.Where(e => e.What == "sent").Select(e => (e.JourneyId, e.At)).First();
}
