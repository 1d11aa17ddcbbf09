using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Sending;
using EcCrm.Core.Messaging;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Email;

/// <summary>The send ledger and the send policy at send time, on Azurite.</summary>
public class JourneyMailerTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero); // 12:00 Tokyo, 22:00 New York

    [Fact]
    public async Task TheSameSendTwiceGoesOutOnce()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Noon);
        await MailFixture.AddCustomerAsync(services);
        var mailer = services.Get<IJourneyMailer>();

        // Two attempts at once (a redelivered input, a second process): one claims the ledger row and sends; the other
        // finds the claim and either sees the result or is told to retry later.
        async Task<SendOutcome?> Attempt()
        {
            try
            {
                return await mailer.SendAsync(MailFixture.Send(), default);
            }
            catch (EmailProviderUnavailableException)
            {
                return null;
            }
        }

        var outcomes = await Task.WhenAll(Attempt(), Attempt());
        var again = await mailer.SendAsync(MailFixture.Send(), default);

        Assert.Contains(outcomes, outcome => outcome is Sent);
        Assert.IsType<Sent>(again);
        Assert.Equal(1, sendGrid.Accepted);
        Assert.Single(sendGrid.Requests);
    }

    [Fact]
    public async Task AClaimLeftByACrashIsMarkedUnconfirmedAndNotSentAgain()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Noon);
        await MailFixture.AddCustomerAsync(services);
        var history = services.Get<ISendHistory>();
        Assert.NotNull(await history.TryAddAsync(new SendRecord { Customer = MailFixture.Customer, IdempotencyKey = "enr-1:n1:1", Status = SendStatus.Claimed, QueuedAt = Noon, ClaimedAt = Noon, Attempts = 1 }, default));

        // Within the in-flight allowance the outcome is unknown: the input is retried later.
        await Assert.ThrowsAsync<EmailProviderUnavailableException>(() => services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default));
        services.Clock.Advance(TimeSpan.FromMinutes(10));
        var outcome = await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default);

        Assert.Equal(Noon, Assert.IsType<Unconfirmed>(outcome).At);
        Assert.Empty(sendGrid.Requests);
        var row = await history.GetAsync(MailFixture.Customer, "enr-1:n1:1", default);
        Assert.Equal(SendStatus.Unconfirmed, row!.Status);
        Assert.Contains("never recorded the provider's answer", row.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuietHoursDeferToTheCustomersMorningInTheirOwnZone()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Noon);
        await MailFixture.AddCustomerAsync(services, timeZone: "America/New_York");
        var rules = new SendRules(new QuietHours(new TimeOnly(21, 0), new TimeOnly(8, 0)), null);

        var outcome = await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(rules: rules), default);

        // 22:00 in New York: wait until 08:00 there, 13:00 UTC (EST, UTC-5).
        Assert.Equal(new Deferred(new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero), DeferReason.QuietHours), outcome);
        Assert.Empty(sendGrid.Requests);
    }

    [Fact]
    public async Task TheFrequencyCapCountsOtherJourneysSendsAndDefersUntilTheOldestLeavesTheWindow()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Noon);
        await MailFixture.AddCustomerAsync(services);
        var rules = new SendRules(null, new FrequencyCap(1, 7));
        var other = MailFixture.Send(key: "other-enrollment:n1:1") with { JourneyId = "coffee-cross-sell", EnrollmentId = "other-enrollment" };
        Assert.IsType<Sent>(await services.Get<IJourneyMailer>().SendAsync(other, default));
        services.Clock.Advance(TimeSpan.FromDays(2));

        var outcome = await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(rules: rules), default);
        var transactional = await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(key: "enr-1:receipt:1", transactional: true, rules: rules), default);

        Assert.Equal(new Deferred(Noon.AddDays(7), DeferReason.FrequencyCap), outcome);
        Assert.IsType<Sent>(transactional);
        Assert.Equal(2, sendGrid.Accepted);
    }

    [Fact]
    public async Task NoConsentOrAnUnsubscribeBlocksMarketingButAHardBounceBlocksEverything()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Noon);
        await MailFixture.AddCustomerAsync(services, consent: null);
        var mailer = services.Get<IJourneyMailer>();
        var suppressions = services.Get<ISuppressionList>();

        Assert.Equal(new Blocked(BlockReason.NoConsent), await mailer.SendAsync(MailFixture.Send(key: "a"), default));
        await suppressions.AddAsync("Aiko@Example.jp", new Suppression(SuppressionKind.Unsubscribed, null, Noon, "link"), default);
        Assert.Equal(new Blocked(BlockReason.Suppressed), await mailer.SendAsync(MailFixture.Send(key: "b"), default));
        Assert.IsType<Sent>(await mailer.SendAsync(MailFixture.Send(key: "c", transactional: true), default));
        await suppressions.AddAsync("aiko@example.jp", new Suppression(SuppressionKind.Bounced, null, Noon, "550"), default);
        Assert.Equal(new Blocked(BlockReason.Suppressed), await mailer.SendAsync(MailFixture.Send(key: "d", transactional: true), default));

        Assert.Equal(1, sendGrid.Accepted);
    }
}
