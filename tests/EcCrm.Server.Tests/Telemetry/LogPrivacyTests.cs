using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using EcCrm.Core.Diagnostics;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcCrm.Server.Tests.Telemetry;

/// <summary>Logs name customers by their key only: never by address.</summary>
public class LogPrivacyTests
{
    private static readonly string[] Personal = ["kaito.logs", "Kaitoname", "Logsurname", "1234 5678"];

    [Fact]
    public async Task AnOrderAndTheEmailItLeadsToAreLoggedUnderTheCustomerKeyWithoutTheAddress()
    {
        const string email = "kaito.logs@example.jp";
        var logs = new CapturedLogs();
        var clock = ServerJourneys.Clock();
        await using var host = new ServerHost(ServerJourneys.Settings(clock))
        {
            ConfigureServices = services => services.AddLogging(logging => logging.AddProvider(logs).AddFilter<CapturedLogs>(null, LogLevel.Trace)),
        };
        using var api = host.CreateApiClient();
        await ServerJourneys.PublishWinbackAsync(api);

        // ServerJourneys.OrderAsync names its orders after the address: this order has an id as a shop gives it.
        var order = JsonSerializer.Serialize(new
        {
            orderId = "40017",
            status = "paid",
            placedAt = clock.SimulatedNow.AddDays(-59.5),
            currency = "JPY",
            total = 3200,
            customer = new { email, firstName = "Kaitoname", lastName = "Logsurname", phone = "+81 90 1234 5678", acceptsMarketing = true },
            lines = new[] { new { productId = "beans-house", title = "House Blend 200g", quantity = 1, unitPrice = 3200 } },
        });
        Assert.Equal(HttpStatusCode.Accepted, (await api.SendAsync(SignedWebhooks.Generic(order))).StatusCode);
        var folder = TestSettings.MailSink(host.Prefix);
        await Eventually.ReturnsAsync(
            () => Task.FromResult(Directory.Exists(folder) && Directory.GetFiles(folder, "*.eml").Any(file => File.ReadAllText(file).Contains(email, StringComparison.Ordinal))),
            sent => sent,
            TimeSpan.FromSeconds(60),
            "the win-back e-mail");

        var key = TestKeys.ForEmail(email).Value;
        Assert.Contains(logs.Lines, line => line.Contains(key, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => Personal.Any(value => line.Contains(value, StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [InlineData("550 5.1.1 <kaito@example.jp>: Recipient address rejected", "550 5.1.1 <<address>>: Recipient address rejected")]
    [InlineData("'to' kaito.sato+news@mail.example.co.jp is invalid", "'to' <address> is invalid")]
    [InlineData("Bad Request (400)", "Bad Request (400)")]
    public void FreeTextLosesAnythingShapedLikeAnAddress(string text, string logged) =>
        Assert.Equal(logged, LogText.WithoutAddresses(text));

    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> lines = new();

        public IReadOnlyCollection<string> Lines => lines;

        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lines.Enqueue($"scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(pair => $"{pair.Key}={pair.Value}")) : string.Empty;
                lines.Enqueue($"{formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
