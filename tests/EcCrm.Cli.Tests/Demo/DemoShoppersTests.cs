using EcCrm.Cli.Demo;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Cli.Tests.Demo;

/// <summary>The demo's customers must give the dashboard an effect to show, and the same one on every replay.</summary>
public class DemoShoppersTests
{
    private static readonly DateTimeOffset Entered = new(2026, 10, 1, 3, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<CustomerKey> Customers =
        [.. Enumerable.Range(0, 4000).Select(i => TestKeys.ForEmail($"demo.customer{i:00000}@example.com"))];

    [Fact]
    public void EmailedCustomersComeBackMoreOftenThanHeldOutOnesWithinTheGoalWindow()
    {
        double Rate(EnrollmentGroup group) =>
            Customers.Count(customer => DemoShoppers.ComebackAt(customer, group, Entered) is { } at && at > Entered && at <= Entered.AddDays(30)) / (double)Customers.Count;

        Assert.InRange(Rate(EnrollmentGroup.Treatment), 0.27, 0.33);
        Assert.InRange(Rate(EnrollmentGroup.Holdout), 0.10, 0.14);
    }

    [Fact]
    public void AReplayMakesTheSameChoices()
    {
        Assert.All(Customers.Take(200), customer =>
            Assert.Equal(DemoShoppers.ComebackAt(customer, EnrollmentGroup.Treatment, Entered), DemoShoppers.ComebackAt(customer, EnrollmentGroup.Treatment, Entered)));
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
