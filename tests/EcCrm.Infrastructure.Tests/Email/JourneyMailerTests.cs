using Azure.Data.Tables;
using EcCrm.Core.Consent;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Sending;
using EcCrm.Core.Messaging;
using EcCrm.Core.Messaging.Deliverability;
using EcCrm.Core.Messaging.Recommendations;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Email;
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
    public async Task NoRecordedOptInOrAnUnsubscribeBlocksMarketingButAHardBounceBlocksEverything()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Noon);
        await MailFixture.AddCustomerAsync(services, consent: null);
        var mailer = services.Get<IJourneyMailer>();
        var suppressions = services.Get<ISuppressionList>();

        Assert.Equal(new Blocked(BlockReason.NoRecordedOptIn), await mailer.SendAsync(MailFixture.Send(key: "a"), default));
        await suppressions.AddAsync("Aiko@Example.jp", new Suppression(SuppressionKind.Unsubscribed, null, Noon, "link"), default);
        Assert.Equal(new Blocked(BlockReason.Suppressed), await mailer.SendAsync(MailFixture.Send(key: "b"), default));
        Assert.IsType<Sent>(await mailer.SendAsync(MailFixture.Send(key: "c", transactional: true), default));
        await suppressions.AddAsync("aiko@example.jp", new Suppression(SuppressionKind.Bounced, null, Noon, "550"), default);
        Assert.Equal(new Blocked(BlockReason.Suppressed), await mailer.SendAsync(MailFixture.Send(key: "d", transactional: true), default));

        Assert.Equal(1, sendGrid.Accepted);
    }

    [Fact]
    public async Task ACustomerIngestedBeforeTheConsentLedgerHasTheConsentTheirOrdersReportedRecordedAtTheFirstSend()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Noon);
        await MailFixture.AddCustomerAsync(services);
        var ledger = services.Get<IConsentLedger>();
        Assert.Empty(await ledger.ListAsync(MailFixture.Customer, default));

        Assert.IsType<Sent>(await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default));

        var record = Assert.Single(await ledger.ListAsync(MailFixture.Customer, default));
        Assert.Equal((ConsentChange.OptIn, ConsentSource.Profile, Noon.AddDays(-60)), (record.Change, record.Source, record.At));
        Assert.Equal(Noon.AddDays(-60).ToString("O", System.Globalization.CultureInfo.InvariantCulture), record.Evidence["consentReportedAt"]);
    }

    [Fact]
    public async Task AnOptOutInTheLedgerOutweighsAProfileThatStillSaysYes()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Noon);
        await MailFixture.AddCustomerAsync(services);
        await services.Get<ConsentRecords>().RecordAsync(MailFixture.Customer, new ConsentStatement(false, Noon.AddDays(-1), "preferences-1"), default);

        Assert.Equal(new Blocked(BlockReason.NoConsent), await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default));
        Assert.Empty(sendGrid.Requests);
    }

    [Fact]
    public async Task AnEmailWhoseLayoutWasEditedAfterPublishingToDropThePostalAddressIsNotSent()
    {
        var folder = Directory.CreateTempSubdirectory("eccrm-edited-layout-").FullName;
        try
        {
            var templates = Path.Combine(folder, "templates");
            foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("journeys", "templates"), "*.liquid", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(templates, Path.GetRelativePath(RepositoryRoot.Combine("journeys", "templates"), file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.WriteAllText(copy, File.ReadAllText(file).Replace("{{ shop.postal_address }}", string.Empty, StringComparison.Ordinal));
            }

            await using var sendGrid = await FakeSendGrid.StartAsync();
            await using var services = await MailFixture.CreateAsync(sendGrid, Noon, settings: new Dictionary<string, string?> { ["Journeys:Folder"] = folder });
            await MailFixture.AddCustomerAsync(services);

            Assert.Equal(new Blocked(BlockReason.TemplateBroken), await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default));
            Assert.Empty(sendGrid.Requests);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AJourneyPausedForDeliverabilityHoldsItsMarketingEmailUntilResumedWhileAPauseByHandAndTransactionalEmailDoNot()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Noon, settings: new Dictionary<string, string?> { ["Deliverability:HoldRecheck"] = "00:10:00" });
        await MailFixture.AddCustomerAsync(services);
        var catalog = services.Get<JourneyCatalog>();
        await catalog.PublishAsync(await File.ReadAllTextAsync(RepositoryRoot.Combine("journeys", "winback.journey.json")), default);
        var mailer = services.Get<IJourneyMailer>();
        Assert.True(await catalog.PauseForAsync("winback-60", "Deliverability: 6 bounces in 101 sends", default));

        var held = Assert.IsType<Deferred>(await mailer.SendAsync(MailFixture.Send(), default));
        Assert.Equal((Noon.AddMinutes(10), DeferReason.JourneyHeld), (held.Until, held.Reason));
        Assert.IsType<Sent>(await mailer.SendAsync(MailFixture.Send(key: "enr-1:receipt:1", transactional: true), default));
        Assert.Single(sendGrid.Requests);

        // Resumed: the held e-mail goes out when it asks again, once this host has read the journeys' settings anew.
        Assert.True(await catalog.SetPausedAsync("winback-60", false, default));
        services.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.IsType<Sent>(await mailer.SendAsync(MailFixture.Send(), default));

        // A pause by hand stops new entries only: the e-mail of runs in flight still goes.
        Assert.True(await catalog.SetPausedAsync("winback-60", true, default));
        services.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.IsType<Sent>(await mailer.SendAsync(MailFixture.Send(key: "enr-1:n2:1"), default));
        Assert.Equal(3, sendGrid.Requests.Count);
    }

    [Fact]
    public async Task ASendMakesFourStorageCallsAndReadsTheLastOrderCouponAndSuppressionsWithTheCustomer()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Noon);
        var order = TestOrders.Paid("1001", "aiko@example.jp", Noon.AddDays(-60)) with
        {
            OrderNumber = "#1001",
            Lines = [new OrderLine { ProductId = "beans", Title = "House Blend Beans", Quantity = 1, UnitPrice = 3200m }],
        };
        await services.Get<OrderIngestion>().IngestAsync(order, default);
        await services.Get<IProductAffinities>().ReplaceAllAsync([new ProductAffinity("beans", "filters", "Paper Filters", 12) { Lift = 2.5, Evidence = 3 }], default);
        await services.Get<ICouponIssuer>().IssueAsync(MailFixture.Customer, "winback-60", new CreateCoupon("enr-1:coupon:1", "BACK-AIKO", 15m, null, Noon.AddDays(14)), default);
        await services.Get<ISuppressionList>().AddAsync("aiko@example.jp", new Suppression(SuppressionKind.Unsubscribed, "newsletter", Noon, "link"), default);
        await services.Get<IProductAffinities>().ForProductsAsync(["beans"], default); // read once per process, not per send
        await services.Get<HeldJourneys>().IsHeldAsync("winback-60", default); // read once per recheck period, not per send
        var rules = new SendRules(new QuietHours(new TimeOnly(21, 0), new TimeOnly(8, 0)), new FrequencyCap(3, 7));
        var mailer = services.Get<IJourneyMailer>();

        using var first = new StorageRequests(Azurite.ConnectionString, services.Prefix);
        Assert.IsType<Sent>(await mailer.SendAsync(MailFixture.Send(rules: rules), default));
        var firstCalls = first.Snapshot();
        using var second = new StorageRequests(Azurite.ConnectionString, services.Prefix);
        var withCoupon = MailFixture.Send(key: "enr-1:n2:1", rules: rules) with { Effect = new SendEmail("enr-1:n2:1", "winback-2", "email-2", "marketing", false, "BACK-AIKO") };
        Assert.IsType<Sent>(await mailer.SendAsync(withCoupon, default));

        // The ledger partition once (the row and the frequency cap), the customer's partition once, the claim, the outcome.
        Assert.Equal(["Profiles", "SendHistory", "SendHistory", "SendHistory"], firstCalls.Select(StorageRequests.Target).Order());
        Assert.Equal(["Profiles", "SendHistory", "SendHistory", "SendHistory"], second.Snapshot().Select(StorageRequests.Target).Order());
        var mails = sendGrid.Requests.Select(request => request.Body.ToJsonString()).ToList();
        Assert.Contains("House Blend Beans", mails[0], StringComparison.Ordinal);
        Assert.Contains("Paper Filters", mails[0], StringComparison.Ordinal);
        Assert.Contains("BACK-AIKO", mails[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACouponIssuedBeforeCouponsWereKeptWithTheCustomerStillShows()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Noon);
        await MailFixture.AddCustomerAsync(services);
        await services.Storage.Table(services.Storage.Names.Coupons).AddEntityAsync(new TableEntity("BACK-OLD", "coupon")
        {
            ["Customer"] = MailFixture.Customer.Value,
            ["IdempotencyKey"] = "enr-1:coupon:1",
            ["PercentOff"] = "15",
            ["ValidUntil"] = Noon.AddDays(14),
        });
        var send = MailFixture.Send() with { Effect = new SendEmail("enr-1:n2:1", "winback-2", "email-2", "marketing", false, "BACK-OLD") };

        Assert.IsType<Sent>(await services.Get<IJourneyMailer>().SendAsync(send, default));

        Assert.Contains("BACK-OLD", sendGrid.Requests.Single().Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASuppressionRecordedBeforeSuppressionsWereKeptWithTheCustomerStillBlocksOnceCopied()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Noon);
        await MailFixture.AddCustomerAsync(services);
        var suppressions = services.Storage.Table(services.Storage.Names.Suppressions);
        await suppressions.AddEntityAsync(new TableEntity(MailFixture.Customer.Value, "Unsubscribed:*") { ["Kind"] = "Unsubscribed", ["Group"] = "*", ["At"] = Noon });

        Assert.Equal(1, await SuppressionBackfill.CopyOnceAsync(services.Storage, default));
        Assert.Equal(0, await SuppressionBackfill.CopyOnceAsync(services.Storage, default));
        Assert.Equal(new Blocked(BlockReason.Suppressed), await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default));
        Assert.Empty(sendGrid.Requests);
    }

    [Fact]
    public async Task AProfileKeyedByTheShopsCustomerIdIsCheckedAgainstItsAddressesSuppressions()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Noon);
        var customer = TestKeys.ForSourceCustomer(OrderSource.Shopify, "42");
        Assert.True(await services.Get<IProfileStore>().TryAddAsync(CustomerProfile.Empty(customer) with { Email = "aiko@example.jp", AcceptsMarketing = true, TimeZone = "Asia/Tokyo" }, default));
        await services.Get<ISuppressionList>().AddAsync("aiko@example.jp", new Suppression(SuppressionKind.Bounced, null, Noon, "550"), default);

        var outcome = await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send() with { Customer = customer }, default);

        Assert.Equal(new Blocked(BlockReason.Suppressed), outcome);
    }
}
