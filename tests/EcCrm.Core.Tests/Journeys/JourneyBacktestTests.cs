using System.Text.Json.Nodes;
using EcCrm.Core.Journeys.Backtesting;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Messaging;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using EcCrm.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static EcCrm.Core.Tests.Journeys.Journeys;

namespace EcCrm.Core.Tests.Journeys;

/// <summary>The win-back sample (held out: nobody) replayed over April to June 2026 against a small shop in Berlin.</summary>
public class JourneyBacktestTests
{
    private static readonly DateTimeOffset Now = Utc(2026, 6, 30, 12);
    private static readonly BacktestRequest SecondQuarter = new(new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 29));

    private static readonly Customer[] Shop =
    [
        new("buys-anyway@example.com", true, null, Utc(2026, 1, 10, 10), Utc(2026, 2, 20, 10), Utc(2026, 4, 30, 10)), // due 22 April, orders 30 April
        new("no-consent@example.com", false, null, Utc(2026, 3, 1, 10)),                                               // due 1 May
        new("unsubscribed@example.com", true, Utc(2026, 3, 10), Utc(2026, 3, 5, 10)),                                  // due 5 May, unsubscribed before
        new("late@example.com", true, null, Utc(2026, 4, 25, 10)),                                                     // due 25 June: window still open
        new("regular@example.com", true, null, Utc(2026, 6, 1, 10), Utc(2026, 6, 20, 10)),                             // never idle 60 days
        new("long-gone@example.com", true, null, Utc(2025, 12, 1, 10)),                                                // due before April: not caught up
    ];

    [Fact]
    public async Task ShowsWhoWouldHaveEnteredOnWhichDaysAndWhatEachNodeWouldHaveSent()
    {
        var report = await Backtest().RunAsync(Winback(), SecondQuarter, default);

        Assert.Equal((6, 4, 0), (report.Customers, report.Entries, report.Holdout));
        Assert.Equal(
            [new DateOnly(2026, 4, 22), new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 5), new DateOnly(2026, 6, 25)],
            report.EntriesByDay.Select(day => day.Date));
        Assert.Equal(["buys-anyway@example.com", "no-consent@example.com", "unsubscribed@example.com", "late@example.com"], report.Entrants.Select(entrant => entrant.Email));

        // The first e-mail goes out (after the night) to the two who may be e-mailed; consent and the unsubscribe block the others.
        var first = report.Nodes[0];
        Assert.Equal(("email-1", 2, 2, 0), (first.NodeId, first.Sent, first.Deferred, first.StillWaiting));
        Assert.Equal(new Dictionary<string, int> { ["no marketing consent"] = 1, ["address suppressed"] = 1 }, first.Blocked);
        Assert.Equal(1, report.Nodes.Single(node => node.NodeId == "email-2").Sent); // the other reached it after the period
        Assert.Equal(0, report.Nodes.Single(node => node.NodeId == "email-3").Sent);
    }

    [Fact]
    public async Task CountsTheEntrantsWhoOrderedWithinTheGoalWindowAnywayAndTheHoldoutItWouldNeed()
    {
        var report = await Backtest().RunAsync(Winback(), SecondQuarter with { Uplift = 0.05 }, default);

        // Three entrants' 30-day windows have ended; one of them ordered in it. The fourth entered on 25 June.
        Assert.Equal(new BacktestBaseline(30, Measured: 3, OrderedAnyway: 1, StillOpen: 1), report.Baseline);
        Assert.Equal([true, false, false, null], report.Entrants.Select(entrant => entrant.OrderedWithinGoal));
        var needs = report.HoldoutNeeds!;
        Assert.Equal((1 / 3d, 0.05, JourneyBacktest.AssumedHoldoutShare), (needs.BaselineRate, needs.Uplift, needs.HoldoutShare));
        Assert.Equal(Core.Analytics.Statistics.SampleSizeForUplift(1 / 3d, 0.05, 0.1), needs);
        Assert.Equal(needs.TotalEntries / (4 / (report.To - report.From).TotalDays), report.DaysOfEntriesNeeded!.Value, 6);
        Assert.Contains(report.Notes, note => note.StartsWith("The journey holds nobody out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CountsOtherJourneysRealSendsTowardTheFrequencyCap()
    {
        // Three marketing e-mails from other journeys in the days before she is due on 25 June (the cap: 3 in 7 days): her
        // first win-back e-mail would wait for 30 June, after the period.
        var sends = new Dictionary<CustomerKey, IReadOnlyList<DateTimeOffset>> { [Key("late@example.com")] = [Utc(2026, 6, 23, 9), Utc(2026, 6, 24, 9), Utc(2026, 6, 24, 21)] };

        var report = await Backtest(sends).RunAsync(Winback(), SecondQuarter, default);

        Assert.Equal(0, report.Entrants.Single(entrant => entrant.Email == "late@example.com").EmailsSent);
        var first = report.Nodes[0];
        Assert.Equal((1, 2, 1), (first.Sent, first.Deferred, first.StillWaiting));
    }

    [Fact]
    public void RefusesAPeriodThatEndsAfterTodayOrStartsAfterItEnds()
    {
        Assert.Contains("after today", Backtest().Days(new BacktestRequest(To: new DateOnly(2026, 7, 2))).Problem, StringComparison.Ordinal);
        Assert.Contains("starts", Backtest().Days(new BacktestRequest(new DateOnly(2026, 6, 2), new DateOnly(2026, 6, 1))).Problem, StringComparison.Ordinal);
        Assert.Equal((new DateOnly(2026, 4, 2), new DateOnly(2026, 6, 30), (string?)null), Backtest().Days(new BacktestRequest()));
    }

    [Fact]
    public async Task AJourneyOnShopEventsSaysTheyAreNotInTheHistoryItReplays()
    {
        var abandoned = JourneyParser.Parse(File.ReadAllText(RepositoryRoot.Combine("journeys", "abandoned-checkout.journey.json"))).Definition!;

        var report = await Backtest().RunAsync(abandoned, SecondQuarter, default);

        Assert.Equal(0, report.Entries);
        Assert.Contains(report.Notes, note => note.StartsWith("Shop events (views, carts, checkouts, searches) are not part of the history", StringComparison.Ordinal));
    }

    private static JourneyBacktest Backtest(IReadOnlyDictionary<CustomerKey, IReadOnlyList<DateTimeOffset>>? sends = null) => new(
        new InMemoryShopHistory(Shop, sends ?? new Dictionary<CustomerKey, IReadOnlyList<DateTimeOffset>>()),
        Options.Create(new SweepOptions()),
        Options.Create(new ShopOptions { TimeZone = "Europe/Berlin" }),
        new FakeTimeProvider(Now));

    private static Core.Journeys.Definition.JourneyDefinition Winback()
    {
        var json = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("journeys", "winback.journey.json")))!;
        json["entry"]!["holdout"]!["percent"] = 0;
        return JourneyParser.Parse(json.ToJsonString()).Definition!;
    }

    private static CustomerKey Key(string email) => TestKeys.ForEmail(email);

    private sealed record Customer(string Email, bool Consent, DateTimeOffset? UnsubscribedAt, params DateTimeOffset[] Orders);

    /// <summary>The shop's history as the stores would give it: profiles projected from the orders, as ingestion projects them.</summary>
    private sealed class InMemoryShopHistory(IEnumerable<Customer> customers, IReadOnlyDictionary<CustomerKey, IReadOnlyList<DateTimeOffset>> sends) : IShopHistory
    {
        public Task<ShopHistory> ReadAsync(DateTimeOffset sendsSince, CancellationToken cancellationToken)
        {
            var orders = customers.ToDictionary(customer => Key(customer.Email), customer => (IReadOnlyList<OrderRecord>)[.. customer.Orders.Select((at, i) => TestOrders.Paid($"{customer.Email}-{i}", customer.Email, at) with
            {
                Currency = "EUR",
                Customer = new OrderCustomer { Email = customer.Email, AcceptsMarketing = customer.Consent },
            })]);
            var profiles = customers.Select(customer => ProfileProjection.Project(CustomerProfile.Empty(Key(customer.Email)), orders[Key(customer.Email)], Now)).ToList();
            var suppressions = customers.Where(customer => customer.UnsubscribedAt is not null).ToDictionary(
                customer => Key(customer.Email), customer => (IReadOnlyList<Suppression>)[new Suppression(SuppressionKind.Unsubscribed, null, customer.UnsubscribedAt!.Value, "unsubscribe link")]);
            return Task.FromResult(new ShopHistory(profiles, orders, suppressions, sends.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<DateTimeOffset>)[.. pair.Value.Where(at => at >= sendsSince)])));
        }
    }
}
