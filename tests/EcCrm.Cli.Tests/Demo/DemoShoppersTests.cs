using EcCrm.Cli.Demo;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Cli.Tests.Demo;

/// <summary>
/// The demo's customers must give the dashboard an effect to show, the same one on every replay, from the e-mail alone (they
/// cannot tell a holdout), and soon enough to be seen.
/// </summary>
public class DemoShoppersTests
{
    private static readonly DateTimeOffset Entered = new(2026, 10, 1, 3, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<CustomerKey> Customers =
        [.. Enumerable.Range(0, 4000).Select(i => TestKeys.ForEmail($"demo.customer{i:00000}@example.com"))];

    [Fact]
    public void EmailedCustomersComeBackMoreOftenThanOnesNotEmailedWithinTheGoalWindow()
    {
        double Rate(DateTimeOffset? emailedAt) =>
            Customers.Count(customer => DemoShoppers.ComebackAt(customer, Entered, emailedAt) is { } at && at > Entered && at <= Entered.AddDays(30)) / (double)Customers.Count;

        Assert.InRange(Rate(Entered.AddHours(9)), 0.27, 0.33);
        Assert.InRange(Rate(null), 0.10, 0.14);
    }

    [Fact]
    public void AnEmailOnlyAddsComebacksAndNeverPutsOneOff()
    {
        Assert.All(Customers, customer =>
        {
            if (DemoShoppers.ComebackAt(customer, Entered, null) is { } onTheirOwn)
            {
                Assert.Equal(onTheirOwn, DemoShoppers.ComebackAt(customer, Entered, Entered.AddDays(1)));
            }
        });
    }

    [Fact]
    public void DuringTheReplayCustomersActAtThePlannedMoments()
    {
        var clock = new JourneyClock(43_200, Entered.AddDays(60), Entered.AddDays(-10), CatchUp: true);

        Assert.All(Customers.Take(500), customer =>
            Assert.Equal(DemoShoppers.ComebackAt(customer, Entered, Entered.AddHours(2)), DemoShoppers.ComebackAt(customer, Entered, Entered.AddHours(2), clock)));
        Assert.Equal(DemoShoppers.Engagement("winback-60:abc:1:email-1:1", Entered), DemoShoppers.Engagement("winback-60:abc:1:email-1:1", Entered, clock));
    }

    [Fact]
    public void AfterTheReplayCustomersKeepItsPace()
    {
        // The clock meets real time at Entered (plus a sliver): what is planned after that takes a 43,200th of the time.
        var clock = new JourneyClock(43_200, Entered.AddDays(-45.0 / 43_199), Entered.AddDays(-45), CatchUp: true);
        var caughtUp = clock.CaughtUpAt!.Value;
        var enteredLate = caughtUp.AddMinutes(3);

        var comebacks = Customers.Select(customer => DemoShoppers.ComebackAt(customer, enteredLate, enteredLate.AddSeconds(5), clock)).OfType<DateTimeOffset>().ToList();
        Assert.NotEmpty(comebacks);
        Assert.All(comebacks, at => Assert.InRange(at, enteredLate, enteredLate.AddSeconds(5 + 45)));

        var engagement = DemoShoppers.Engagement("winback-60:abc:1:email-1:1", enteredLate, clock);
        Assert.All(engagement, item => Assert.InRange(item.At, enteredLate, enteredLate.AddSeconds(5)));

        // Planned across the moment the clock caught up: the part before it as planned, the rest at the replay's pace.
        Assert.Equal(caughtUp.AddDays(1.0 / 43_200), DemoShoppers.Paced(clock, caughtUp.AddDays(-2), caughtUp.AddDays(1)));
    }

    [Fact]
    public void AReplayMakesTheSameChoices()
    {
        Assert.All(Customers.Take(200), customer =>
            Assert.Equal(DemoShoppers.ComebackAt(customer, Entered, Entered.AddDays(1)), DemoShoppers.ComebackAt(customer, Entered, Entered.AddDays(1))));
        Assert.Equal(DemoShoppers.Engagement("winback-60:abc:1:email-1:1", Entered), DemoShoppers.Engagement("winback-60:abc:1:email-1:1", Entered));
    }

    [Fact]
    public void OpensFollowDeliveryAndClicksFollowOpens()
    {
        var mails = Enumerable.Range(0, 2000).Select(i => DemoShoppers.Engagement($"winback-60:c{i}:1:email-1:1", Entered)).ToList();

        Assert.All(mails, events =>
        {
            var kinds = events.Select(e => e.Event).ToList();
            Assert.True(kinds.Contains("open") == false || kinds.Contains("delivered"), "an open without a delivery");
            Assert.True(kinds.Contains("click") == false || kinds.Contains("open"), "a click without an open");
            Assert.Equal(events.OrderBy(e => e.At).Select(e => e.Event), kinds);
        });
        Assert.InRange(mails.Count(events => events.Any(e => e.Event == "open")) / 2000.0, 0.45, 0.52);
    }
}
