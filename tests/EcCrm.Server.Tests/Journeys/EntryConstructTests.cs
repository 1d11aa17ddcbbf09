using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EcCrm.Core.Profiles;
using EcCrm.Testing;

namespace EcCrm.Server.Tests.Journeys;

/// <summary>
/// Journeys entered by segment and by schedule, run by the real Server on Azurite (its sweep and scheduled runs, the
/// Durable Task engine, the mail sink), on the scenarios' fast clock: the customer enters, is e-mailed, and a journey that
/// exits on leftSegment ends when an order moves the customer out of its segment.
/// </summary>
public class EntryConstructTests
{
    private static string Journey(string id, string trigger, string exit) => $$"""
        {
          "id": "{{id}}", "version": 1, "name": "{{id}}",
          "entry": { "trigger": {{trigger}}, "reentry": { "policy": "never" } },
          "exit": {{exit}},
          "nodes": [
            { "id": "email-1", "type": "send", "template": "winback-1", "next": "wait" },
            { "id": "wait", "type": "delay", "for": "30d", "next": "email-2" },
            { "id": "email-2", "type": "send", "template": "winback-2" }
          ]
        }
        """;

    [Fact]
    public async Task ACustomerInTheSegmentEntersAtTheSweepAndLeavesWhenAnOrderMovesThemOut()
    {
        var clock = ServerJourneys.Clock();
        await using var host = new ServerHost(ServerJourneys.Settings(clock));
        using var api = host.CreateApiClient();
        await PublishAsync(api, Journey("nudge", """{ "type": "segment", "segments": ["needsAttention"] }""", """["leftSegment"]"""));

        // Two orders, the last 61 days ago: needs attention (recency 3, frequency 2), until she orders again.
        await ServerJourneys.OrderAsync(api, "nao@example.jp", "old-1", clock.SimulatedNow.AddDays(-100));
        await ServerJourneys.OrderAsync(api, "nao@example.jp", "old-2", clock.SimulatedNow.AddDays(-61));
        var key = TestKeys.ForEmail("nao@example.jp");
        await ServerJourneys.EnrollmentAsync(api, key, e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "wait", journeyId: "nudge");
        Assert.Contains("winback-1", Assert.Single(await ServerJourneys.MailsAsync(host.Prefix, "nao@example.jp", 1, journeyId: "nudge")), StringComparison.Ordinal);

        await ServerJourneys.OrderAsync(api, "nao@example.jp", "back-1", clock.SimulatedNow);
        var exited = await ServerJourneys.EnrollmentAsync(api, key, e => e.GetProperty("status").GetString()!.Equals("exited", StringComparison.OrdinalIgnoreCase), journeyId: "nudge");

        Assert.Equal("leftSegment", exited.GetProperty("exitReason").GetString(), ignoreCase: true);
    }

    [Fact]
    public async Task AScheduledJourneyEntersItsCustomersAtItsTime()
    {
        var clock = ServerJourneys.Clock(); // 14:00 in Tokyo, the shop's zone
        await using var host = new ServerHost(ServerJourneys.Settings(clock));
        using var api = host.CreateApiClient();
        await PublishAsync(api, Journey("morning-news", """{ "type": "schedule", "cron": "0 9 * * *" }""", "[]"));
        var published = clock.SimulatedNow;
        await ServerJourneys.OrderAsync(api, "rin@example.jp", "1", clock.SimulatedNow.AddDays(-20));

        var key = TestKeys.ForEmail("rin@example.jp");
        var enrollment = await ServerJourneys.EnrollmentAsync(api, key, e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "wait", journeyId: "morning-news");

        // Entered at a 09:00 in Tokyo (00:00 UTC) after it was published, not at the sweep (02:00 in Tokyo) nor when published.
        var created = enrollment.GetProperty("createdAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.Zero, created.UtcDateTime.TimeOfDay);
        Assert.InRange(created, published, published.AddDays(3));
        Assert.Contains("winback-1", Assert.Single(await ServerJourneys.MailsAsync(host.Prefix, "rin@example.jp", 1, journeyId: "morning-news")), StringComparison.Ordinal);
    }

    private static async Task PublishAsync(HttpClient api, string journey) =>
        await Eventually.ReturnsAsync(
            async () => (await api.PostAsync(new Uri("/api/journeys", UriKind.Relative), new StringContent(journey))).StatusCode,
            status => status == HttpStatusCode.Created,
            TimeSpan.FromSeconds(30),
            "the journey should publish once storage is ready");
}
