using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Sending;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging;
using EcCrm.Core.Messaging.Events;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Email;

/// <summary>The real SendGrid client against a local fake SendGrid: content, retries, lost answers and permanent failures, and the ledger they leave.</summary>
public class SendGridEmailSenderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero); // 12:00 in Tokyo

    [Fact]
    public async Task TheRequestCarriesTheRenderedMailHeadersCategoriesAndCustomArgsButNoPersonalDataInArgs()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Now);
        await MailFixture.AddCustomerAsync(services);

        var outcome = await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default);

        Assert.IsType<Sent>(outcome);
        var request = Assert.Single(sendGrid.Requests);
        Assert.Equal($"Bearer {MailFixture.ApiKey}", request.Authorization);
        var body = request.Body;
        Assert.Equal(TestSettings.FromAddress, (string?)body["from"]!["email"]);
        Assert.Equal("Test Shop", (string?)body["from"]!["name"]);
        var personalization = body["personalizations"]![0]!;
        Assert.Equal("aiko@example.jp", (string?)personalization["to"]![0]!["email"]);
        var args = personalization["custom_args"] ?? body["custom_args"];
        Assert.Equal("enr-1:n1:1", (string?)args!["idempotency_key"]);
        Assert.Equal("enr-1", (string?)args["enrollment_id"]);
        Assert.Equal(MailFixture.Customer.Value, (string?)args["customer_key"]);
        Assert.DoesNotContain("aiko", args.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var headers = personalization["headers"] ?? body["headers"];
        Assert.StartsWith("<https://crm.test-shop.example.com/unsubscribe?token=", (string?)headers!["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", (string?)headers["List-Unsubscribe-Post"]);
        Assert.Contains("journey:winback-60", body["categories"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(4242, (int?)body["asm"]!["group_id"]);
        var html = body["content"]!.AsArray().Single(c => (string?)c!["type"] == "text/html")!["value"]!.ToString();
        Assert.Contains("Aiko", html, StringComparison.Ordinal);
        Assert.Contains("1-2-3 Test, Shibuya, Tokyo 150-0002, Japan", html, StringComparison.Ordinal);
        Assert.Contains(body["content"]!.AsArray(), c => (string?)c!["type"] == "text/plain");

        var ledger = await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, "enr-1:n1:1", default);
        Assert.Equal(SendStatus.Accepted, ledger!.Status);
        Assert.Equal("fake-1", ledger.ProviderMessageId);
    }

    [Fact]
    public async Task A429WaitsForTheRateLimitResetAndEndsInExactlyOneAcceptedSend()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, DateTimeOffset.UtcNow);
        await MailFixture.AddCustomerAsync(services, timeZone: "UTC");
        var reset = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2);
        sendGrid.Then(429, new Dictionary<string, string> { ["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var outcome = await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default);

        Assert.IsType<Sent>(outcome);
        Assert.Equal(2, sendGrid.Requests.Count);
        Assert.Equal(1, sendGrid.Accepted);
        // The retry came after the reset SendGrid named (less the clock gap between the fake clock and the wall clock).
        Assert.True(sendGrid.Requests[1].At - sendGrid.Requests[0].At >= reset - services.Clock.GetUtcNow() - TimeSpan.FromMilliseconds(100));
    }

    public static TheoryData<string, string> AmbiguousAnswers => new()
    {
        { "500", "SendGrid answered 500 after the request was sent" },
        { "503", "SendGrid answered 503 after the request was sent" },
        { "no answer", "SendGrid did not answer within 00:00:00.5000000" },
        { "dropped connection", "the connection to SendGrid failed after the request was sent" },
    };

    [Theory]
    [MemberData(nameof(AmbiguousAnswers))]
    public async Task AnAnswerLostAfterTheRequestWasSentEndsUnconfirmedAndIsNeitherRetriedNorSentAgain(string answer, string reason)
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Now, settings: new Dictionary<string, string?> { ["SendGrid:Timeout"] = "00:00:00.500" });
        await MailFixture.AddCustomerAsync(services);
        _ = answer switch
        {
            "no answer" => sendGrid.ThenNoAnswer(),
            "dropped connection" => sendGrid.ThenDropConnection(),
            _ => sendGrid.Then(int.Parse(answer, System.Globalization.CultureInfo.InvariantCulture)),
        };

        var outcome = await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default);
        var again = await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default);

        // SendGrid may have accepted it: say so, and never send it a second time on a guess.
        Assert.StartsWith(reason, Assert.IsType<Unconfirmed>(outcome).Reason, StringComparison.Ordinal);
        Assert.Equal(outcome, again);
        Assert.Single(sendGrid.Requests);
        var ledger = await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, "enr-1:n1:1", default);
        Assert.Equal(SendStatus.Unconfirmed, ledger!.Status);
        Assert.StartsWith(reason, ledger.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProcessedEventCarryingTheKeyConfirmsAnUnconfirmedSend()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Now);
        await MailFixture.AddCustomerAsync(services);
        sendGrid.Then(503);
        Assert.IsType<Unconfirmed>(await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default));

        // SendGrid had accepted it after all: its event carries the key from custom_args.
        var idempotencyKey = (string?)(sendGrid.Requests[0].Body["personalizations"]![0]!["custom_args"] ?? sendGrid.Requests[0].Body["custom_args"])!["idempotency_key"];
        await services.Get<EmailEventIntake>().ApplyAsync([ProcessedEvent(idempotencyKey!)], default);

        Assert.Equal(SendStatus.Accepted, (await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, "enr-1:n1:1", default))!.Status);
        Assert.IsType<Sent>(await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default));
        Assert.Single(sendGrid.Requests);
    }

    [Fact]
    public async Task AnEventThatArrivesWhileSendGridIsAnsweringIsKeptWhenTheAnswerIsRecorded()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Now);
        await MailFixture.AddCustomerAsync(services);
        // The webhook applies SendGrid's delivered event to the claimed row before SendGrid's 202 reaches the mailer.
        sendGrid.BeforeAnswer = _ => services.Get<EmailEventIntake>().ApplyAsync([ProcessedEvent("enr-1:n1:1") with { Type = ProviderEventType.Delivered }], default);

        var outcome = await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default);

        Assert.IsType<Sent>(outcome);
        var ledger = await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, "enr-1:n1:1", default);
        Assert.Equal((SendStatus.Accepted, "fake-1", Now.AddSeconds(1)), (ledger!.Status, ledger.ProviderMessageId, ledger.DeliveredAt!.Value));
    }

    [Fact]
    public async Task APermanent400IsRecordedWithItsReasonAndNeverRetried()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Now);
        await MailFixture.AddCustomerAsync(services);
        sendGrid.Then(400, body: """{"errors":[{"message":"The to email does not contain a valid address.","field":"personalizations.0.to"}]}""");

        var outcome = await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default);
        var again = await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default);

        Assert.Equal(new Blocked(Core.Journeys.Sending.BlockReason.ProviderRejected), outcome);
        Assert.Equal(outcome, again);
        Assert.Single(sendGrid.Requests);
        var ledger = await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, "enr-1:n1:1", default);
        Assert.Equal(SendStatus.Rejected, ledger!.Status);
        Assert.Equal("400: The to email does not contain a valid address.", ledger.FailureReason);
    }

    [Fact]
    public async Task ARateLimitThatOutlastsTheRetriesDefersTheSendWithBackOffAndALaterAttemptClaimsItAgainAndSendsOnce()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Now, maxRetries: 1);
        await MailFixture.AddCustomerAsync(services);
        sendGrid.Then(429).Then(429).Then(429).Then(429);
        var mailer = services.Get<IJourneyMailer>();

        // Refused for now: nothing was sent, so the run waits (a minute, then two) and asks again; it never fails.
        Assert.Equal(new Deferred(Now.AddMinutes(1), DeferReason.ProviderBusy), await mailer.SendAsync(MailFixture.Send(), default));
        var deferred = await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, "enr-1:n1:1", default);
        Assert.Equal(SendStatus.Deferred, deferred!.Status);
        Assert.StartsWith("SendGrid answered 429", deferred.FailureReason, StringComparison.Ordinal);
        Assert.Equal(new Deferred(Now.AddMinutes(2), DeferReason.ProviderBusy), await mailer.SendAsync(MailFixture.Send(), default));

        Assert.IsType<Sent>(await mailer.SendAsync(MailFixture.Send(), default));
        var sent = await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, "enr-1:n1:1", default);
        Assert.Equal((SendStatus.Accepted, 3), (sent!.Status, sent.Attempts));
        Assert.Equal(5, sendGrid.Requests.Count);
        Assert.Equal(1, sendGrid.Accepted);
    }

    [Fact]
    public async Task WhenSendGridCannotBeReachedTheClaimIsReleasedAndTheRunWaitsForTheProvider()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var services = await MailFixture.CreateAsync(sendGrid, Now, maxRetries: 1, new Dictionary<string, string?> { ["SendGrid:Host"] = $"http://127.0.0.1:{port}/" });
        await MailFixture.AddCustomerAsync(services);

        var outcome = await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default);

        Assert.Equal(new Deferred(Now.AddMinutes(1), DeferReason.ProviderBusy), outcome);
        var ledger = await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, "enr-1:n1:1", default);
        Assert.Equal(SendStatus.Released, ledger!.Status);
        Assert.StartsWith("SendGrid could not be reached", ledger.FailureReason, StringComparison.Ordinal);
    }

    private static ProviderEvent ProcessedEvent(string idempotencyKey) => new()
    {
        Type = ProviderEventType.Processed,
        Email = "aiko@example.jp",
        At = Now.AddSeconds(1),
        MessageId = "fake-1",
        Send = new SendReference(MailFixture.Customer, idempotencyKey, "enr-1", "winback-1"),
    };
}
