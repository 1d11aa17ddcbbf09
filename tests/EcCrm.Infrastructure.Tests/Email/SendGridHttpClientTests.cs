using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EcCrm.Core.Messaging;
using EcCrm.Infrastructure.Email;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Infrastructure.Tests.Email;

/// <summary>
/// Requests to SendGrid go through the factory's named HTTP client and its resilience handler: every attempt passes
/// its handlers; a definite refusal is retried as often as the settings say, and an attempt that outlasts the timeout is
/// not retried (SendGrid may have the message) but answered as unconfirmed.
/// </summary>
public class SendGridHttpClientTests
{
    [Fact]
    public async Task EveryAttemptGoesThroughTheFactorysSendGridClient()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        var attempts = new AttemptCounter();
        await using var services = await CreateAsync(sendGrid.Url, attempts, maxRetries: 3, timeout: TimeSpan.FromSeconds(30));
        sendGrid.Then(429).Then(429);

        var result = await services.Get<IEmailSender>().SendAsync(Message(), default);

        Assert.IsType<EmailSendResult.Accepted>(result);
        Assert.Equal(3, attempts.Count);
        Assert.Equal(3, sendGrid.Requests.Count);
    }

    [Fact]
    public async Task AnAttemptThatOutlastsTheTimeoutIsNotRetriedButUnconfirmed()
    {
        // A server that takes the connection and never answers.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var attempts = new AttemptCounter();
            var url = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
            await using var services = await CreateAsync(url, attempts, maxRetries: 1, timeout: TimeSpan.FromMilliseconds(300));

            var result = await services.Get<IEmailSender>().SendAsync(Message(), default);

            Assert.StartsWith("SendGrid did not answer within", Assert.IsType<EmailSendResult.Unconfirmed>(result).Reason, StringComparison.Ordinal);
            Assert.Equal(1, attempts.Count);
        }
        finally
        {
            silent.Stop();
            silent.Dispose();
        }
    }

    [Fact]
    public async Task AConnectionThatCannotBeMadeIsRetriedAsTheSettingsSayThenUnreachable()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)closed.LocalEndpoint).Port}");
        closed.Stop();
        closed.Dispose();
        var attempts = new AttemptCounter();
        await using var services = await CreateAsync(url, attempts, maxRetries: 1, timeout: TimeSpan.FromSeconds(30));

        var result = await services.Get<IEmailSender>().SendAsync(Message(), default);

        Assert.IsType<EmailSendResult.Unreachable>(result);
        Assert.Equal(2, attempts.Count);
    }

    private static Task<TestServices> CreateAsync(Uri sendGrid, AttemptCounter attempts, int maxRetries, TimeSpan timeout) =>
        TestServices.CreateAsync(
            DateTimeOffset.UtcNow,
            new Dictionary<string, string?>
            {
                ["SendGrid:ApiKey"] = MailFixture.ApiKey,
                ["SendGrid:Host"] = sendGrid.ToString(),
                ["SendGrid:MaxRetries"] = maxRetries.ToString(CultureInfo.InvariantCulture),
                ["SendGrid:RetryBaseDelay"] = "00:00:00.010",
                ["SendGrid:Timeout"] = timeout.ToString("c", CultureInfo.InvariantCulture),
            },
            services => services.AddHttpClient(SendGridEmailSender.HttpClientName).AddHttpMessageHandler(() => new CountingHandler(attempts)));

    private static EmailMessage Message() => new()
    {
        ToAddress = "aiko@example.jp",
        FromAddress = TestSettings.FromAddress,
        FromName = "Test Shop",
        Subject = "Hello",
        Html = "<p>Hello</p>",
        Text = "Hello",
        IdempotencyKey = "enr-1:n1:1",
    };

    private sealed class AttemptCounter
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Add() => Interlocked.Increment(ref count);
    }

    /// <summary>Sits inside the resilience handler, so it sees each attempt.</summary>
    private sealed class CountingHandler(AttemptCounter attempts) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            attempts.Add();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
