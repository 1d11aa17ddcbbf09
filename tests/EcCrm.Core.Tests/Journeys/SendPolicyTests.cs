using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Sending;
using EcCrm.Core.Journeys.Validation;
using static EcCrm.Core.Tests.Journeys.Journeys;

namespace EcCrm.Core.Tests.Journeys;

public class SendPolicyTests
{
    private static readonly SendRules Policy = new(new QuietHours(new TimeOnly(21, 0), new TimeOnly(8, 0)), new FrequencyCap(2, 7));

    private static SendVerdict Evaluate(DateTimeOffset now, string zone = "Europe/Berlin", DateTimeOffset[]? sends = null, bool suppressed = false, bool? consent = true, bool transactional = false, SendRules? policy = null) =>
        SendPolicy.Evaluate(policy ?? Policy, zone, sends ?? [], suppressed, consent, transactional, now);

    [Fact]
    public void AllowsAMarketingEmailInTheDaytime()
    {
        Assert.IsType<AllowSend>(Evaluate(Utc(2026, 3, 2, 9)));
    }

    [Fact]
    public void DefersAnEmailInQuietHoursToTheMorningOnTheCustomersClock()
    {
        // 23:30 in Berlin: the next 08:00 is tomorrow.
        Assert.Equal(new DeferSend(Utc(2026, 3, 3, 7), DeferReason.QuietHours), Evaluate(Utc(2026, 3, 2, 22, 30)));

        // 06:00 in Berlin: 08:00 the same day.
        Assert.Equal(new DeferSend(Utc(2026, 3, 2, 7), DeferReason.QuietHours), Evaluate(Utc(2026, 3, 2, 5)));
    }

    [Fact]
    public void JudgesQuietHoursInTheCustomersZoneNotTheShops()
    {
        // 14:00 UTC is daytime in Berlin but 23:00 in Tokyo.
        Assert.Equal(new DeferSend(Utc(2026, 3, 2, 23), DeferReason.QuietHours), Evaluate(Utc(2026, 3, 2, 14), zone: "Asia/Tokyo"));
    }

    [Fact]
    public void EndsQuietHoursAtTheLocalMorningOnTheDayOfSpringForward()
    {
        // New York springs forward on 2026-03-08: 08:00 EDT is 12:00 UTC, not 13:00.
        Assert.Equal(new DeferSend(Utc(2026, 3, 8, 12), DeferReason.QuietHours), Evaluate(Utc(2026, 3, 8, 5), zone: "America/New_York"));
    }

    [Fact]
    public void EndsQuietHoursAtTheLocalMorningOnTheDayOfFallBack()
    {
        // New York falls back on 2026-11-01: 08:00 EST is 13:00 UTC.
        Assert.Equal(new DeferSend(Utc(2026, 11, 1, 13), DeferReason.QuietHours), Evaluate(Utc(2026, 11, 1, 4), zone: "America/New_York"));
    }

    [Fact]
    public void DefersUntilTheOldestSendLeavesTheCapWindow()
    {
        var sends = new[] { Utc(2026, 3, 1, 10), Utc(2026, 3, 3, 10) };

        Assert.Equal(new DeferSend(Utc(2026, 3, 8, 10), DeferReason.FrequencyCap), Evaluate(Utc(2026, 3, 4, 10), sends: sends));
    }

    [Fact]
    public void DefersPastQuietHoursWhenTheCapFreesUpAtNight()
    {
        var sends = new[] { Utc(2026, 3, 1, 22), Utc(2026, 3, 3, 10) };

        Assert.Equal(new DeferSend(Utc(2026, 3, 9, 7), DeferReason.FrequencyCap), Evaluate(Utc(2026, 3, 4, 10), sends: sends));
    }

    [Fact]
    public void IgnoresSendsOlderThanTheCapWindow()
    {
        Assert.IsType<AllowSend>(Evaluate(Utc(2026, 3, 20, 10), sends: [Utc(2026, 3, 1, 10), Utc(2026, 3, 3, 10)]));
    }

    [Fact]
    public void TransactionalEmailSkipsQuietHoursCapAndConsent()
    {
        Assert.IsType<AllowSend>(Evaluate(Utc(2026, 3, 2, 23), sends: [Utc(2026, 3, 2, 10), Utc(2026, 3, 2, 11)], consent: null, transactional: true));
    }

    [Fact]
    public void SuppressionBlocksEvenTransactionalEmail()
    {
        Assert.Equal(new BlockSend(BlockReason.Suppressed), Evaluate(Utc(2026, 3, 2, 9), suppressed: true, transactional: true));
    }

    [Fact]
    public void BlocksMarketingToACustomerWhoseLatestConsentRecordIsAnOptOut()
    {
        Assert.Equal(new BlockSend(BlockReason.NoConsent), Evaluate(Utc(2026, 3, 2, 9), consent: false));
    }

    [Fact]
    public void BlocksMarketingToACustomerWithNoRecordedOptInForThatReason()
    {
        Assert.Equal(new BlockSend(BlockReason.NoRecordedOptIn), Evaluate(Utc(2026, 3, 2, 9), consent: null));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 30)]
    [InlineData(9, 240)]
    public void TriesADeferredSendAgainInTheOrderOfItsJourneysPriority(int priority, int secondsLater)
    {
        var policy = Policy with { Priority = priority };

        // Held back by the night until 08:00 in Berlin, or by the cap until the oldest send leaves the window.
        Assert.Equal(new DeferSend(Utc(2026, 3, 3, 7).AddSeconds(secondsLater), DeferReason.QuietHours), Evaluate(Utc(2026, 3, 2, 22, 30), policy: policy));
        Assert.Equal(new DeferSend(Utc(2026, 3, 8, 10).AddSeconds(secondsLater), DeferReason.FrequencyCap), Evaluate(Utc(2026, 3, 4, 10), sends: [Utc(2026, 3, 1, 10), Utc(2026, 3, 3, 10)], policy: policy));
        Assert.IsType<AllowSend>(Evaluate(Utc(2026, 3, 2, 9), policy: policy));
    }

    [Fact]
    public void ReadsAJourneysPriorityFromOneToNineAndOneWhenItNamesNone()
    {
        static JourneyReadResult Read(string sendPolicy) =>
            JourneyParser.Parse(With("""{ "id": "email", "type": "send", "template": "t1" }""", sendPolicy: sendPolicy));

        Assert.Equal(1, Read("{}").Definition!.SendPolicy.Priority);
        Assert.Equal(3, Read("""{ "priority": 3 }""").Definition!.SendPolicy.Priority);
        Assert.Equal("$.sendPolicy.priority", Assert.Single(Read("""{ "priority": 10 }""").Errors).Path);
    }

    [Fact]
    public void FallsBackToTheShopZoneWhenTheCustomersIsUnknown()
    {
        Assert.Equal("Europe/Berlin", SendPolicy.ZoneFor(null, "Europe/Berlin"));
        Assert.Equal("Europe/Berlin", SendPolicy.ZoneFor("Mars/Olympus", "Europe/Berlin"));
        Assert.Equal("Asia/Tokyo", SendPolicy.ZoneFor("Asia/Tokyo", "Europe/Berlin"));
    }
}
