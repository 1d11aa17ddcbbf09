using System.Security.Cryptography;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Sending;
using EcCrm.Core.Messaging;
using EcCrm.Core.Messaging.Events;
using EcCrm.Infrastructure.Email;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EcCrm.Infrastructure.Tests.Email;

/// <summary>
/// A send whose outcome is unknown (SendGrid's answer was lost, or the process died after the claim) is reconciled on
/// Azurite, never resent blindly and never dropped: the provider's event with its key settles it, and without one
/// within the reconciliation window it is sent again under the same key, once.
/// </summary>
public sealed class ReconciliationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero); // 12:00 in Tokyo
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);
    private readonly ECDsa webhookKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Fact]
    public async Task AnAmbiguousSendWaitsForTheProvidersEventAndWhenItComesIsNeverSentAgain()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await CreateAsync(sendGrid);
        var mailer = services.Get<IJourneyMailer>();
        sendGrid.Then(503);

        var first = await mailer.SendAsync(MailFixture.Send(), default);

        Assert.Equal(new Deferred(Now + Window, DeferReason.AwaitingConfirmation), first);
        services.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(first, await mailer.SendAsync(MailFixture.Send(), default)); // still waiting: nothing sent meanwhile
        await services.Get<EmailEventIntake>().ApplyAsync([Processed("enr-1:n1:1")], default);
        services.Clock.Advance(Window);
        Assert.IsType<Sent>(await mailer.SendAsync(MailFixture.Send(), default));
        Assert.Single(sendGrid.Requests);
    }

    [Fact]
    public async Task AnAmbiguousSendThatNoEventSettlesWithinTheWindowIsSentAgainOnceUnderTheSameKey()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await CreateAsync(sendGrid);
        var mailer = services.Get<IJourneyMailer>();
        sendGrid.Then(500); // SendGrid did not take it after all: no event will ever come

        Assert.IsType<Deferred>(await mailer.SendAsync(MailFixture.Send(), default));
        services.Clock.Advance(Window);
        var resent = await mailer.SendAsync(MailFixture.Send(), default);
        var again = await mailer.SendAsync(MailFixture.Send(), default);

        Assert.IsType<Sent>(resent);
        Assert.IsType<Sent>(again);
        Assert.Equal(2, sendGrid.Requests.Count);
        Assert.Equal(1, sendGrid.Accepted);
        Assert.All(sendGrid.Requests, request => Assert.Equal("enr-1:n1:1", (string?)request.Body["personalizations"]![0]!["custom_args"]!["idempotency_key"]));
        var row = await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, "enr-1:n1:1", default);
        Assert.Equal((SendStatus.Accepted, 2), (row!.Status, row.Attempts));
    }

    [Fact]
    public async Task AClaimLeftByACrashIsSentAfterTheWindowWhenNoEventSettledIt()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await CreateAsync(sendGrid);
        var mailer = services.Get<IJourneyMailer>();
        Assert.NotNull(await services.Get<ISendHistory>().TryAddAsync(
            new SendRecord { Customer = MailFixture.Customer, IdempotencyKey = "enr-1:n1:1", Status = SendStatus.Claimed, QueuedAt = Now, ClaimedAt = Now, Attempts = 1 }, default));

        await Assert.ThrowsAsync<EmailProviderUnavailableException>(() => mailer.SendAsync(MailFixture.Send(), default)); // may still be in flight
        services.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(new Deferred(Now + Window, DeferReason.AwaitingConfirmation), await mailer.SendAsync(MailFixture.Send(), default));
        services.Clock.Advance(Window);

        Assert.IsType<Sent>(await mailer.SendAsync(MailFixture.Send(), default));
        Assert.Equal(1, sendGrid.Accepted);
    }

    [Fact]
    public async Task TheWindowIsRealTimeWhenTheJourneysClockRunsFaster()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        var fast = new JourneyClock(60, Now, Now); // a journey hour is a real minute
        await using var services = await CreateAsync(sendGrid, collection => collection.Replace(ServiceDescriptor.Singleton(fast)));
        sendGrid.Then(503);

        var outcome = await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default);

        // Thirty real minutes are thirty journey hours: SendGrid's events take real time to come.
        Assert.Equal(new Deferred(Now + (Window * 60), DeferReason.AwaitingConfirmation), outcome);
    }

    [Fact]
    public async Task TheMailSinkWritesByKeySoACrashedSendIsWrittenOnceAfterTheWindow()
    {
        await using var services = await TestServices.CreateAsync(Now, new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys") });
        await MailFixture.AddCustomerAsync(services);
        var mailer = services.Get<IJourneyMailer>();
        Assert.IsType<Sent>(await mailer.SendAsync(MailFixture.Send(), default));

        // As if the process had died after writing the file but before the ledger heard of it.
        var ledger = services.Get<ISendHistory>();
        var row = (await ledger.GetAsync(MailFixture.Customer, "enr-1:n1:1", default))!;
        Assert.NotNull(await ledger.TryReplaceAsync(row with { Status = SendStatus.Claimed, SentAt = null }, default));
        services.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.IsType<Deferred>(await mailer.SendAsync(MailFixture.Send(), default));
        services.Clock.Advance(Window);

        Assert.IsType<Sent>(await mailer.SendAsync(MailFixture.Send(), default));
        Assert.Single(services.Get<MailSink>().List(10));
    }

    public void Dispose() => webhookKey.Dispose();

    private async Task<TestServices> CreateAsync(FakeSendGrid sendGrid, Action<IServiceCollection>? configure = null)
    {
        var services = await MailFixture.CreateAsync(sendGrid, Now, settings: new Dictionary<string, string?>
        {
            ["SendGrid:EventWebhookPublicKey"] = Convert.ToBase64String(webhookKey.ExportSubjectPublicKeyInfo()),
            ["Delivery:ReconciliationWindow"] = Window.ToString(),
        }, configure: configure);
        await MailFixture.AddCustomerAsync(services);
        return services;
    }

    private static ProviderEvent Processed(string idempotencyKey) => new()
    {
        Type = ProviderEventType.Processed,
        Email = "aiko@example.jp",
        At = Now.AddSeconds(1),
        MessageId = "fake-1",
        Send = new SendReference(MailFixture.Customer, idempotencyKey, "enr-1", "winback-1"),
    };
}
