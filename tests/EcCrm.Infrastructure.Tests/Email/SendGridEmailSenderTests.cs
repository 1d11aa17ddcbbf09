using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Messaging;
using EcCrm.Testing;

namespace EcCrm.Infrastructure.Tests.Email;

/// <summary>The real SendGrid client against a local fake SendGrid: content, retries and permanent failures.</summary>
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
        Assert.Equal(SendStatus.Sent, ledger!.Status);
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

    [Fact]
    public async Task ServerErrorsAreRetriedWithBackoffAndEndInExactlyOneAcceptedSend()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Now);
        await MailFixture.AddCustomerAsync(services);
        sendGrid.Then(500).Then(503);

        var outcome = await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default);

        Assert.IsType<Sent>(outcome);
        Assert.Equal(3, sendGrid.Requests.Count);
        Assert.Equal(1, sendGrid.Accepted);
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
        Assert.Equal(SendStatus.Failed, ledger!.Status);
        Assert.Equal("400: The to email does not contain a valid address.", ledger.FailureReason);
    }

    [Fact]
    public async Task WhenSendGridKeepsFailingTheSendIsGivenBackAndALaterAttemptSendsOnce()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        await using var services = await MailFixture.CreateAsync(sendGrid, Now, maxRetries: 1);
        await MailFixture.AddCustomerAsync(services);
        sendGrid.Then(500).Then(500);

        await Assert.ThrowsAsync<EmailProviderUnavailableException>(() => services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default));
        Assert.Null(await services.Get<ISendHistory>().GetAsync(MailFixture.Customer, "enr-1:n1:1", default));

        Assert.IsType<Sent>(await services.Get<IJourneyMailer>().SendAsync(MailFixture.Send(), default));
        Assert.Equal(3, sendGrid.Requests.Count);
        Assert.Equal(1, sendGrid.Accepted);
    }
}
