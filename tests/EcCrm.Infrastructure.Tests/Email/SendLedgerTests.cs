using Azure.Data.Tables;
using EcCrm.Core.Messaging;
using EcCrm.Core.Messaging.Events;
using EcCrm.Infrastructure.Storage;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Email;

/// <summary>The send ledger's transitions on Azurite: every write conditional on the row's ETag, none blind, none a delete.</summary>
public class SendLedgerTests
{
    private const string Key = "enr-1:email-1:1";
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AClaimAddsTheRowAndASecondClaimIsRefusedWithTheFirstClaimsRow()
    {
        await using var services = await TestServices.CreateAsync(Noon);
        var ledger = services.Get<SendLedger>();

        var first = await ledger.ApplyAsync(MailFixture.Customer, Key, Claim(Noon), default);
        var second = await ledger.ApplyAsync(MailFixture.Customer, Key, Claim(Noon.AddSeconds(1)), default);

        Assert.True(first.Written);
        Assert.Equal(SendStatus.Claimed, first.Record!.Status);
        Assert.NotNull(first.Record.Version);
        Assert.Equal(SendLedgerChange.Refused, second.Change);
        Assert.Equal(first.Record, second.Record);
    }

    public static TheoryData<string, SendStatus> Outcomes => new()
    {
        { "accept", SendStatus.Accepted },
        { "unconfirm", SendStatus.Unconfirmed },
        { "defer", SendStatus.Deferred },
        { "release", SendStatus.Released },
        { "reject", SendStatus.Rejected },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task EachOutcomeOfAClaimIsWrittenAtTheClaimsVersionAndReadBack(string outcome, SendStatus status)
    {
        await using var services = await TestServices.CreateAsync(Noon);
        var ledger = services.Get<SendLedger>();
        var claimed = (await ledger.ApplyAsync(MailFixture.Customer, Key, Claim(Noon), default)).Record!;

        var settled = await ledger.ApplyAsync(MailFixture.Customer, Key, Outcome(outcome), claimed, default);

        Assert.True(settled.Written);
        var stored = await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, Key, default);
        Assert.Equal(settled.Record, stored);
        Assert.Equal(status, stored!.Status);
        Assert.NotEqual(claimed.Version, stored.Version);
        Assert.Equal(status == SendStatus.Accepted ? null : $"{outcome} reason", stored.FailureReason);
        // The claim's version is spent: a writer still holding it is refused by storage, never allowed to overwrite.
        Assert.Null(await services.Get<ISendHistory>().TryReplaceAsync(claimed with { Status = SendStatus.Released }, default));
    }

    [Theory]
    [InlineData("defer")]
    [InlineData("release")]
    public async Task ADeferredOrReleasedSendIsClaimedAgainByExactlyOneOfTwoRacingAttempts(string outcome)
    {
        await using var services = await TestServices.CreateAsync(Noon);
        var ledger = services.Get<SendLedger>();
        var claimed = (await ledger.ApplyAsync(MailFixture.Customer, Key, Claim(Noon), default)).Record!;
        var givenBack = (await ledger.ApplyAsync(MailFixture.Customer, Key, Outcome(outcome), claimed, default)).Record!;

        // Both attempts read the row at the same version and claim it at once.
        var claims = await Task.WhenAll(
            ledger.ApplyAsync(MailFixture.Customer, Key, Claim(Noon.AddMinutes(5)), givenBack, default),
            ledger.ApplyAsync(MailFixture.Customer, Key, Claim(Noon.AddMinutes(5)), givenBack, default));

        Assert.Single(claims, claim => claim.Written);
        Assert.Single(claims, claim => claim.Change == SendLedgerChange.Refused);
        var stored = await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, Key, default);
        Assert.Equal((SendStatus.Claimed, 2, Noon, Noon.AddMinutes(5)), (stored!.Status, stored.Attempts, stored.QueuedAt, stored.ClaimedAt!.Value));
    }

    [Fact]
    public async Task WhenTheWebhookWritesFirstTheProvidersAnswerLosesItsWriteRereadsAndKeepsTheEvent()
    {
        await using var services = await TestServices.CreateAsync(Noon);
        var ledger = services.Get<SendLedger>();
        var claimed = (await ledger.ApplyAsync(MailFixture.Customer, Key, Claim(Noon), default)).Record!;

        // The event webhook and the sender both start from the claimed row; the webhook's write lands first.
        await services.Get<EmailEventIntake>().ApplyAsync([Event(ProviderEventType.Delivered, Noon.AddSeconds(2))], default);
        var answer = await ledger.ApplyAsync(MailFixture.Customer, Key, new SendTransition.Accept(Noon.AddSeconds(3), "sg-1"), claimed, default);

        Assert.True(answer.Written);
        var stored = await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, Key, default);
        Assert.Equal((SendStatus.Accepted, "sg-1", Noon.AddSeconds(3), Noon.AddSeconds(2)), (stored!.Status, stored.ProviderMessageId, stored.SentAt!.Value, stored.DeliveredAt!.Value));
    }

    [Fact]
    public async Task WhenTheProvidersAnswerWritesFirstTheWebhookLosesItsWriteRereadsAndReapplies()
    {
        await using var services = await TestServices.CreateAsync(Noon);
        var ledger = services.Get<SendLedger>();
        var claimed = (await ledger.ApplyAsync(MailFixture.Customer, Key, Claim(Noon), default)).Record!;

        await ledger.ApplyAsync(MailFixture.Customer, Key, new SendTransition.Accept(Noon.AddSeconds(1), "sg-1"), claimed, default);
        var observed = await ledger.ApplyAsync(MailFixture.Customer, Key, new SendTransition.Observe(Event(ProviderEventType.Open, Noon.AddMinutes(3))), claimed, default);

        Assert.True(observed.Written);
        var stored = await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, Key, default);
        Assert.Equal((SendStatus.Accepted, "sg-1", Noon.AddMinutes(3)), (stored!.Status, stored.ProviderMessageId, stored.OpenedAt!.Value));
    }

    [Theory]
    [InlineData(ProviderEventType.Processed, SendStatus.Accepted)]
    [InlineData(ProviderEventType.Delivered, SendStatus.Accepted)]
    [InlineData(ProviderEventType.Bounce, SendStatus.Accepted)]
    [InlineData(ProviderEventType.Dropped, SendStatus.Rejected)]
    public async Task AProviderEventCarryingTheKeySettlesAnUnconfirmedSend(ProviderEventType type, SendStatus settled)
    {
        await using var services = await TestServices.CreateAsync(Noon);
        var ledger = services.Get<SendLedger>();
        var claimed = (await ledger.ApplyAsync(MailFixture.Customer, Key, Claim(Noon), default)).Record!;
        await ledger.ApplyAsync(MailFixture.Customer, Key, new SendTransition.Unconfirm("SendGrid did not answer within 00:00:30"), claimed, default);

        await services.Get<EmailEventIntake>().ApplyAsync([Event(type, Noon.AddMinutes(1))], default);

        var stored = await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, Key, default);
        Assert.Equal(settled, stored!.Status);
    }

    [Theory]
    [InlineData("Pending", SendStatus.Claimed)]
    [InlineData("Sent", SendStatus.Accepted)]
    [InlineData("Failed", SendStatus.Rejected)]
    public async Task RowsWrittenWithTheFormerStatusNamesReadAsTheStatesTheyBecame(string former, SendStatus status)
    {
        await using var services = await TestServices.CreateAsync(Noon);
        await services.Storage.Table(services.Storage.Names.SendHistory).AddEntityAsync(new TableEntity(MailFixture.Customer.Value, TableKeys.Escape(Key))
        {
            ["IdempotencyKey"] = Key,
            ["Status"] = former,
            ["QueuedAt"] = Noon,
            ["Transactional"] = false,
        });

        var stored = await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, Key, default);

        Assert.Equal((status, 1, Noon), (stored!.Status, stored.Attempts, stored.LastClaimedAt));
    }

    private static SendTransition.Claim Claim(DateTimeOffset at) => new(new SendRecord
    {
        Customer = MailFixture.Customer,
        IdempotencyKey = Key,
        Status = SendStatus.Claimed,
        QueuedAt = at,
        ClaimedAt = at,
        EnrollmentId = "enr-1",
        TemplateId = "winback-1",
    });

    private static SendTransition Outcome(string name) => name switch
    {
        "accept" => new SendTransition.Accept(Noon.AddSeconds(1), "sg-1"),
        "unconfirm" => new SendTransition.Unconfirm("unconfirm reason"),
        "defer" => new SendTransition.Defer("defer reason"),
        "release" => new SendTransition.Release("release reason"),
        _ => new SendTransition.Reject("reject reason"),
    };

    private static ProviderEvent Event(ProviderEventType type, DateTimeOffset at) => new()
    {
        Type = type,
        Email = "aiko@example.jp",
        At = at,
        MessageId = "sg-1.filter",
        Send = new SendReference(MailFixture.Customer, Key, "enr-1", "winback-1"),
        BounceType = type == ProviderEventType.Bounce ? "bounce" : null,
        Reason = type is ProviderEventType.Bounce or ProviderEventType.Dropped ? "550 no such user" : null,
    };
}
