using EcCrm.Core.Journeys.Simulation;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Testing;

namespace EcCrm.Core.Tests.Journeys;

public class JourneySimulatorTests
{
    private static SimulationResult Simulate(string journeyFile, Func<string, string>? editCustomer = null)
    {
        var journey = JourneyParser.Parse(File.ReadAllText(RepositoryRoot.Combine("journeys", journeyFile)));
        var customer = File.ReadAllText(RepositoryRoot.Combine("journeys", "customers", journeyFile.Replace(".journey.json", ".customer.json", StringComparison.Ordinal)));
        var timeline = CustomerTimelineParser.Parse(editCustomer?.Invoke(customer) ?? customer);
        Assert.True(timeline.IsValid, string.Join(Environment.NewLine, timeline.Errors));
        return JourneySimulator.Run(journey.Definition!, timeline.Timeline);
    }

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
    public void DefersTheFirstWinBackEmailOutOfTheNight()
    {
        var result = Simulate("winback.journey.json");

        var deferred = Assert.Single(result.Events, e => e.What == "deferred");
        Assert.Equal("winback-1: quiet hours", deferred.Detail);
        Assert.Equal(8, result.Events.First(e => e.What == "sent").LocalAt.Hour);
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
    public void CountsOtherJourneysEmailsTowardTheFrequencyCap()
    {
        // Three e-mails from other journeys in the week before the first win-back e-mail: the cap of 3 in 7 days defers it.
        var result = Simulate("winback.journey.json", customer => customer.Replace(
            "\"emailEvents\"",
            "\"otherSends\": [\"2026-03-02T15:00:00Z\", \"2026-03-04T15:00:00Z\", \"2026-03-06T15:00:00Z\"],\n  \"emailEvents\"",
            StringComparison.Ordinal));

        // Entered at midnight in New York, but the cap frees up first on 9 March at 15:00 UTC, 11:00 there: no quiet hours then.
        Assert.Equal("winback-1: frequency cap", Assert.Single(result.Events, e => e.What == "deferred").Detail);
        var firstSend = result.Events.First(e => e.What == "sent");
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.Zero), firstSend.At);
    }

    [Fact]
    public void SaysWhyACustomerDidNotEnter()
    {
        var result = Simulate("winback.journey.json", customer => customer.Replace("\"days\": 90", "\"days\": 10", StringComparison.Ordinal));

        Assert.Empty(result.Enrollments);
        Assert.StartsWith("last ordered", result.NotEnteredBecause, StringComparison.Ordinal);
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
    public void TimesSendsOnTokyoClockForAShopInBerlin()
    {
        var result = Simulate("first-to-second.journey.json");

        Assert.Equal("Asia/Tokyo", result.CustomerTimeZone);
        Assert.All(result.Events.Where(e => e.What == "sent"), e => Assert.Equal(TimeSpan.FromHours(9), e.LocalAt.Offset));
        Assert.Contains(result.Events, e => e.What == "sent" && e.Detail == "nurture-offer" && e.LocalAt.Hour == 10);
    }

    [Fact]
    public void ReportsTimelineMistakesWithTheirPaths()
    {
        var result = CustomerTimelineParser.Parse("""{ "customer": { "email": "a@example.com", "timeZone": "Europe/Berlinn" }, "simulate": { "from": "2026-03-01" } }""");

        Assert.Equal(["$.customer.timeZone", "$.simulate.from"], result.Errors.Select(e => e.Path));
    }
}
