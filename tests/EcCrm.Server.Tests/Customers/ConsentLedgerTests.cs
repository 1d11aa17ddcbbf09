using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EcCrm.Core.Messaging;
using EcCrm.Core.Profiles;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EcCrm.Server.Tests.Customers;

/// <summary>The consent ledger on Azurite: what records it, what the API and the export show, and the sends it blocks.</summary>
public class ConsentLedgerTests
{
    [Fact]
    public async Task ACustomerWithNoRecordedOptInGetsNoMailAndTheFunnelCountsWhy()
    {
        var clock = ServerJourneys.Clock();
        await using var host = new ServerHost(ServerJourneys.Settings(clock));
        using var api = host.CreateApiClient();
        await ServerJourneys.PublishWinbackAsync(api);
        var key = TestKeys.ForEmail("nao@example.jp");

        await OrderAsync(api, "nao@example.jp", "n-1", clock.SimulatedNow.AddDays(-59.5), consent: null);
        await ServerJourneys.EnrollmentAsync(api, key, e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "wait-1");

        var email1 = await Eventually.ReturnsAsync(
            async () => (await api.GetFromJsonAsync<JsonElement>("/api/reports/journeys/winback-60")).GetProperty("nodes")[0],
            node => node.GetProperty("blocked").GetInt32() == 1,
            TimeSpan.FromSeconds(30),
            "the report should count the blocked send");
        Assert.Equal(1, email1.GetProperty("blockedBy").GetProperty("no recorded opt-in").GetInt32());
        Assert.Empty(ServerJourneys.Mails(host.Prefix, "nao@example.jp"));
        var history = await api.GetFromJsonAsync<JsonElement>($"/api/customers/{key}/consent");
        Assert.Equal(JsonValueKind.Null, history.GetProperty("current").ValueKind);
        Assert.Equal(0, history.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task TheOrdersOptInAndTheUnsubscribeShowInTheHistoryAndTheExportAndARedeliveredWebhookAddsNothing()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Journeys:Scheduler"] = "false" });
        using var api = host.CreateApiClient();
        var key = TestKeys.ForEmail("emi@example.jp");
        var consentedAt = new DateTimeOffset(2026, 2, 1, 9, 30, 0, TimeSpan.FromHours(9));

        await OrderAsync(api, "emi@example.jp", "e-1", DateTimeOffset.UtcNow.AddDays(-3), consent: true, consentedAt);
        await OrderAsync(api, "emi@example.jp", "e-1", DateTimeOffset.UtcNow.AddDays(-3), consent: true, consentedAt); // redelivered
        await OrderAsync(api, "emi@example.jp", "e-2", DateTimeOffset.UtcNow.AddDays(-1), consent: true, consentedAt); // repeats the same consent
        await Eventually.ReturnsAsync(
            async () => await api.GetAsync($"/api/customers/{key}") is { StatusCode: HttpStatusCode.OK } found ? await found.Content.ReadFromJsonAsync<JsonElement>() : default,
            customer => customer.ValueKind == JsonValueKind.Object && customer.GetProperty("profile").GetProperty("orderCount").GetInt32() == 2,
            TimeSpan.FromSeconds(30),
            "both orders should be ingested");
        var token = host.Services.GetRequiredService<UnsubscribeTokens>().Create(key, null);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().PostAsync(new Uri($"/unsubscribe?token={token}", UriKind.Relative), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).StatusCode);

        var history = await api.GetFromJsonAsync<JsonElement>($"/api/customers/{key}/consent");
        var export = await api.GetFromJsonAsync<JsonElement>($"/api/customers/{key}/export");

        Assert.False(history.GetProperty("current").GetBoolean());
        var records = history.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(["optIn", "optOut"], records.Select(record => record.GetProperty("change").GetString()!).Select(Camel));
        Assert.Equal(["order", "unsubscribeLink"], records.Select(record => record.GetProperty("source").GetString()!).Select(Camel));
        Assert.Equal(consentedAt, records[0].GetProperty("at").GetDateTimeOffset());
        Assert.Equal("true", records[0].GetProperty("evidence").GetProperty("$.customer.acceptsMarketing").GetString());
        Assert.Equal("2026-02-01T09:30:00+09:00", records[0].GetProperty("evidence").GetProperty("$.customer.acceptsMarketingUpdatedAt").GetString());
        Assert.Equal(2, export.GetProperty("consent").GetArrayLength());
        Assert.Equal(records[0].GetProperty("reference").GetString(), export.GetProperty("consent")[0].GetProperty("reference").GetString());
    }

    [Fact]
    public async Task TheShopsSystemRecordsAnOptInThroughTheApiOnceAndConsentOfAnUnknownCustomerIsRefused()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false", ["Journeys:Scheduler"] = "false" });
        var key = TestKeys.ForEmail("rio@example.jp");
        await host.Services.GetRequiredService<IProfileStore>().TryAddAsync(new CustomerProfile { Key = key, Email = "rio@example.jp", UpdatedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        using var api = host.CreateApiClient();
        var statement = new { optIn = true, at = "2026-03-01T10:00:00+09:00", reference = "form-7781", method = "newsletter form, double opt-in", evidence = new Dictionary<string, string> { ["confirmedAt"] = "2026-03-01T10:04:00+09:00" } };

        var first = await api.PostAsJsonAsync($"/api/customers/{key}/consent", statement);
        var retried = await api.PostAsJsonAsync($"/api/customers/{key}/consent", statement);
        var unknown = await api.PostAsJsonAsync($"/api/customers/{TestKeys.ForEmail("nobody@example.jp")}/consent", statement);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var history = await retried.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(history.GetProperty("current").GetBoolean());
        var record = Assert.Single(history.GetProperty("records").EnumerateArray());
        Assert.Equal("api", Camel(record.GetProperty("source").GetString()!));
        Assert.Equal("form-7781", record.GetProperty("reference").GetString());
        Assert.Equal("newsletter form, double opt-in", record.GetProperty("evidence").GetProperty("method").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync(new Uri($"/api/customers/{key}/consent", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AProviderSpamReportIsAnOptOutWithTheEventAsEvidence()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false", ["Journeys:Scheduler"] = "false" });
        var key = TestKeys.ForEmail("sora@example.jp");
        var at = DateTimeOffset.FromUnixTimeSeconds(1_772_000_000);
        var intake = host.Services.GetRequiredService<EcCrm.Core.Messaging.Events.EmailEventIntake>();
        var report = new EcCrm.Core.Messaging.Events.ProviderEvent { Type = EcCrm.Core.Messaging.Events.ProviderEventType.SpamReport, Email = "sora@example.jp", At = at, MessageId = "msg-1" };

        await intake.ApplyAsync([report], CancellationToken.None);
        using var api = host.CreateApiClient();
        var history = await api.GetFromJsonAsync<JsonElement>($"/api/customers/{key}/consent");

        Assert.False(history.GetProperty("current").GetBoolean());
        var record = Assert.Single(history.GetProperty("records").EnumerateArray());
        Assert.Equal("providerEvent", Camel(record.GetProperty("source").GetString()!));
        Assert.Equal(at, record.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("spamreport", record.GetProperty("evidence").GetProperty("event").GetString());
        Assert.Equal("msg-1", record.GetProperty("evidence").GetProperty("sg_message_id").GetString());
    }

    /// <summary>Enum values as the API writes them, whatever their casing.</summary>
    private static string Camel(string value) => char.ToLowerInvariant(value[0]) + value[1..];

    private static async Task OrderAsync(HttpClient api, string email, string orderId, DateTimeOffset placedAt, bool? consent, DateTimeOffset? consentedAt = null)
    {
        var customer = new Dictionary<string, object?> { ["email"] = email, ["firstName"] = "Test" };
        if (consent is { } accepts)
        {
            customer["acceptsMarketing"] = accepts;
        }

        if (consentedAt is { } at)
        {
            customer["acceptsMarketingUpdatedAt"] = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = JsonSerializer.Serialize(new
        {
            orderId = $"{email}-{orderId}",
            status = "paid",
            placedAt,
            currency = "JPY",
            total = 3200,
            customer,
            lines = new[] { new { productId = "beans-house", title = "House Blend 200g", quantity = 1, unitPrice = 3200 } },
        });
        Assert.Equal(HttpStatusCode.Accepted, (await api.SendAsync(SignedWebhooks.Generic(body))).StatusCode);
    }
}
