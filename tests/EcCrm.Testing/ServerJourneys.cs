using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcCrm.Core.Profiles;
using Xunit;

namespace EcCrm.Testing;

/// <summary>
/// The Server's journey scenarios share these: a clock 43,200 times faster than real time (a simulated day every two
/// seconds), the sample win-back without its holdout, orders through the signed webhook, and the mail sink.
/// </summary>
public static class ServerJourneys
{
    public const double Factor = 43_200;

    public static readonly TimeSpan Day = TimeSpan.FromSeconds(86_400 / Factor);

    public sealed record SharedClock(DateTimeOffset RealOrigin, DateTimeOffset SimulatedOrigin)
    {
        public DateTimeOffset SimulatedNow => SimulatedOrigin + ((DateTimeOffset.UtcNow - RealOrigin) * Factor);
    }

    /// <summary>
    /// Starts at 05:00 UTC (14:00 in Tokyo). Orders are placed 59.5 days back: the customer becomes due a day or two
    /// later, as if the order had arrived on its day (the sweep never rereads days it has checkpointed).
    /// </summary>
    public static SharedClock Clock()
    {
        var now = DateTimeOffset.UtcNow;
        return new SharedClock(now, new DateTimeOffset(now.Year, now.Month, now.Day, 5, 0, 0, TimeSpan.Zero));
    }

    public static Dictionary<string, string?> Settings(SharedClock clock) => new()
    {
        ["Journeys:Folder"] = RepositoryRoot.Combine("journeys"),
        ["TimeScale:Factor"] = Factor.ToString(CultureInfo.InvariantCulture),
        ["TimeScale:RealOrigin"] = clock.RealOrigin.ToString("O"),
        ["TimeScale:SimulatedOrigin"] = clock.SimulatedOrigin.ToString("O"),
    };

    /// <summary>The sample win-back journey as version 2 without its holdout, so every test customer is e-mailed.</summary>
    public static async Task PublishWinbackAsync(HttpClient api)
    {
        var journey = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("journeys", "winback.journey.json")))!;
        journey["entry"]!["holdout"]!["percent"] = 0;
        journey["version"] = 2;
        await Eventually.ReturnsAsync(
            async () => (await api.PostAsync(new Uri("/api/journeys", UriKind.Relative), new StringContent(journey.ToJsonString()))).StatusCode,
            status => status is HttpStatusCode.Created or HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "version 2 should publish once the journey files are published");
    }

    public static async Task OrderAsync(HttpClient client, string email, string orderId, DateTimeOffset placedAt)
    {
        var body = JsonSerializer.Serialize(new
        {
            orderId = $"{email}-{orderId}",
            status = "paid",
            placedAt,
            currency = "JPY",
            total = 3200,
            customer = new { email, firstName = "Test", acceptsMarketing = true },
            lines = new[] { new { productId = "beans-house", title = "House Blend 200g", quantity = 1, unitPrice = 3200 } },
        });
        var response = await client.SendAsync(SignedWebhooks.Generic(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>The customer's win-back enrollment, or another journey's (an order also starts the sample replenishment journey).</summary>
    public static async Task<JsonElement> EnrollmentAsync(HttpClient api, CustomerKey key, Func<JsonElement, bool> done, string journeyId = "winback-60") =>
        await Eventually.ReturnsAsync(
            async () => (await api.GetFromJsonAsync<JsonElement>($"/api/customers/{key}/enrollments")).EnumerateArray()
                .FirstOrDefault(enrollment => enrollment.GetProperty("journeyId").GetString() == journeyId),
            enrollment => enrollment.ValueKind == JsonValueKind.Object && done(enrollment),
            TimeSpan.FromSeconds(60),
            "the enrollment should reach the expected state");

    /// <summary>The win-back e-mails (or another journey's) the mail sink wrote to this customer, oldest first.</summary>
    public static List<string> Mails(string prefix, string email, string journeyId = "winback-60")
    {
        var folder = TestSettings.MailSink(prefix);
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.eml").OrderBy(File.GetLastWriteTimeUtc).Select(File.ReadAllText)
                .Where(mail => mail.Contains($"X-EcCrm-journey_id: {journeyId}", StringComparison.Ordinal) && (mail.Contains($"To: Test <{email}>", StringComparison.Ordinal) || mail.Contains($"To: {email}", StringComparison.Ordinal)))]
            : [];
    }

    public static Task<List<string>> MailsAsync(string prefix, string email, int count, string journeyId = "winback-60") =>
        Eventually.ReturnsAsync(() => Task.FromResult(Mails(prefix, email, journeyId)), mails => mails.Count >= count, TimeSpan.FromSeconds(60), $"{count} e-mail(s) to {email}");

}
