using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Simulation;
using EcCrm.Core.Journeys.Validation;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using EcCrm.Testing;
using Microsoft.Extensions.Configuration;

namespace EcCrm.Server.Tests.Journeys;

/// <summary>
/// The README's example, Ana in New York and the win-back journey of a shop in Berlin, simulated and then run by the real
/// Server on Azurite with the same settings: the Server sends each e-mail at the UTC time the simulator shows.
/// </summary>
/// <remarks>
/// On the scenarios' fast clock (a day every two seconds) a second of latency between the sweep and the send would be
/// twelve simulated hours: enough to carry the first e-mail past 21:00 in New York, into her quiet hours, and on to the
/// next morning. So the Server's clock runs fast except around the moments that decide when an e-mail goes (the sweep
/// that finds her and the timers that end her waits, each from 20 s before to five minutes after), where it runs at five
/// times real time: the Server's seconds from a timer to the provider (up to a minute on a machine loaded by other
/// builds) stay within five simulated minutes, and the comparison is exact to those five minutes, where a wrong sweep
/// time, time zone or quiet hours would miss by hours. The slow stretches come from the simulation, so a send the
/// Server made at another moment would fall in a fast stretch and miss by hours, and the test would fail. Her reactions
/// and her order are played through the same webhooks a shop and SendGrid use, at their simulated moments; their own
/// latency, hours on the fast clock, changes nothing compared here (the reminder waits for a Tuesday morning, the order
/// counts by when it was placed).
/// </remarks>
public sealed class SimulationMatchesServerTests : IDisposable
{
    private const double FastFactor = 43_200;
    private const double SlowFactor = 5;

    /// <summary>How long after its simulated moment the Server may act: a minute of real latency at <see cref="SlowFactor"/>.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The Server's clock reads this (the day before the sweep that finds her) once it has had this long to start.</summary>
    private static readonly DateTimeOffset Origin = new(2026, 3, 6, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan StartUp = TimeSpan.FromSeconds(30);
    private static readonly CustomerKey Ana = TestKeys.ForEmail("ana@example.com");
    private readonly ECDsa eventKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => eventKey.Dispose();

    [Fact]
    public async Task TheServerSendsAnaTheWinBackEmailsAtTheUtcTimesTheSimulatorShows()
    {
        // The settings both read: a shop in Berlin, the sweep at its default (02:00 shop time).
        var shop = new Dictionary<string, string?> { ["Shop:TimeZone"] = "Europe/Berlin" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(shop).Build();
        var settings = SimulationSettings.From(
            configuration.GetSection(ShopOptions.SectionName).Get<ShopOptions>()!,
            configuration[SimulationSettings.ShopCurrencySetting],
            configuration.GetSection(SweepOptions.SectionName).Get<SweepOptions>() ?? new SweepOptions());
        var journey = JourneyParser.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("journeys", "winback.journey.json"))).Definition!;
        var timeline = CustomerTimelineParser.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("journeys", "customers", "winback.customer.json")), settings.ShopCurrency).Timeline!;
        var simulated = JourneySimulator.Run(journey, timeline, settings);
        var sends = simulated.Events.Where(e => e.What == "sent").Select(e => (Template: e.Detail, e.At)).ToList();
        var reactions = simulated.Events.Where(e => e.What is "opened" or "clicked").Select(e => (Kind: e.What, Template: e.Detail, e.At)).ToList();
        var order = timeline.Orders.Single(o => o.PlacedAt > Origin);
        var entry = Assert.Single(simulated.Events, e => e.What == "entry").At;
        Assert.Equal(3, sends.Count);

        // Until the origin the clock runs fast through late February (sweeps that do not find her yet), while the Server
        // starts and ingests her history.
        var clock = new JourneyClock(FastFactor, DateTimeOffset.UtcNow + StartUp, Origin)
        {
            Stretches = Stretches([entry, .. sends.Select(s => s.At)]),
        };
        var hostSettings = new Dictionary<string, string?>(shop)
        {
            ["Journeys:Folder"] = RepositoryRoot.Combine("journeys"),
            ["SendGrid:EventWebhookPublicKey"] = Convert.ToBase64String(eventKey.ExportSubjectPublicKeyInfo()),
            ["TimeScale:Factor"] = FastFactor.ToString(CultureInfo.InvariantCulture),
            ["TimeScale:RealOrigin"] = clock.RealOrigin.ToString("O"),
            ["TimeScale:SimulatedOrigin"] = clock.SimulatedOrigin.ToString("O"),
        };
        foreach (var (stretch, i) in clock.Stretches!.Select((stretch, i) => (stretch, i)))
        {
            hostSettings[$"TimeScale:Stretches:{i}:From"] = stretch.From.ToString("O");
            hostSettings[$"TimeScale:Stretches:{i}:To"] = stretch.To.ToString("O");
            hostSettings[$"TimeScale:Stretches:{i}:Factor"] = stretch.Factor.ToString(CultureInfo.InvariantCulture);
        }

        await using var host = new ServerHost(hostSettings);
        using var api = host.CreateApiClient();

        // Her history, before the Server's clock reaches the origin; then her reactions and her order, each when the
        // Server's clock reads its simulated moment.
        foreach (var past in timeline.Orders.Where(o => o.PlacedAt < Origin))
        {
            await OrderAsync(api, past.OrderId, past.PlacedAt, past.Total);
        }

        await Eventually.ReturnsAsync(
            async () => await api.GetAsync(new Uri("/api/customers?email=ana@example.com", UriKind.Relative)),
            response => response.StatusCode == HttpStatusCode.OK,
            StartUp,
            "her history should be ingested");
        Assert.True(DateTimeOffset.UtcNow < clock.RealOrigin, $"The Server took more than {StartUp.TotalSeconds} s to start and ingest her history.");
        foreach (var (kind, template, at) in reactions)
        {
            var sent = await SentAsync(host, template);
            await UntilAsync(clock, at);
            Assert.Equal(HttpStatusCode.Accepted, (await ReactAsync(api, kind, template, sent.Key, at)).StatusCode);
        }

        await UntilAsync(clock, order.PlacedAt);
        await OrderAsync(api, order.OrderId, order.PlacedAt, order.Total);
        var completed = await ServerJourneys.EnrollmentAsync(api, Ana, e => e.GetProperty("status").GetString()!.Equals("completed", StringComparison.OrdinalIgnoreCase));

        // Then: entered at the sweep the simulator shows, each e-mail sent within minutes of when it shows (never hours), and the same conversion.
        Assert.InRange(completed.GetProperty("createdAt").GetDateTimeOffset() - entry, TimeSpan.Zero, Tolerance);
        Assert.Equal(order.OrderId, completed.GetProperty("convertedOrderId").GetString());
        var served = await SendsAsync(host);
        Assert.Equal(sends.Select(s => s.Template), served.Select(s => s.Template));
        foreach (var (expected, actual) in sends.Zip(served))
        {
            Assert.True(
                actual.At - expected.At >= TimeSpan.Zero && actual.At - expected.At < Tolerance,
                $"{expected.Template}: the simulator shows {expected.At:yyyy-MM-dd HH:mm:ss}Z, the Server sent it at {actual.At:yyyy-MM-dd HH:mm:ss}Z");
        }
    }

    /// <summary>Slow around each moment, from 20 s before to <see cref="Tolerance"/> after it, merged when they meet.</summary>
    private static List<ClockStretch> Stretches(IEnumerable<DateTimeOffset> moments)
    {
        var stretches = new List<ClockStretch>();
        foreach (var moment in moments.Order())
        {
            var (from, to) = (moment.AddSeconds(-20), moment + Tolerance);
            if (stretches.Count > 0 && from <= stretches[^1].To)
            {
                stretches[^1] = stretches[^1] with { To = to > stretches[^1].To ? to : stretches[^1].To };
            }
            else
            {
                stretches.Add(new ClockStretch(from, to, SlowFactor));
            }
        }

        return stretches;
    }

    /// <summary>Waits until the Server's clock reads <paramref name="at"/>: a known moment, computed from the clock they share.</summary>
    private static async Task UntilAsync(JourneyClock clock, DateTimeOffset at)
    {
        var wait = clock.ToRealTime(at) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    private static async Task OrderAsync(HttpClient client, string orderId, DateTimeOffset placedAt, decimal total)
    {
        var body = JsonSerializer.Serialize(new
        {
            orderId,
            status = "paid",
            placedAt,
            currency = "EUR",
            total,
            customer = new { email = "ana@example.com", firstName = "Ana", timeZone = "America/New_York", countryCode = "US", acceptsMarketing = true },
            lines = new[] { new { productId = "beans-1kg", title = "Espresso beans 1 kg", quantity = 1, unitPrice = total } },
        });
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(SignedWebhooks.Generic(body))).StatusCode);
    }

    /// <summary>Her reaction as SendGrid reports it, signed, with the send's key in its custom arguments.</summary>
    private Task<HttpResponseMessage> ReactAsync(HttpClient client, string kind, string template, string idempotencyKey, DateTimeOffset at)
    {
        var body = $$"""
            [{"email":"ana@example.com","timestamp":{{at.ToUnixTimeSeconds()}},"event":"{{(kind == "opened" ? "open" : "click")}}","sg_event_id":"{{kind}}-{{template}}","sg_message_id":"{{template}}.f","idempotency_key":"{{idempotencyKey}}","customer_key":"{{Ana.Value}}","enrollment_id":"{{EnrollmentIds.FromIdempotencyKey(idempotencyKey)}}","template_id":"{{template}}"}]
            """;
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = eventKey.SignData(Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sendgrid") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(signature));
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        return client.SendAsync(request);
    }

    private static async Task<(string Key, DateTimeOffset At)> SentAsync(ServerHost host, string template) =>
        await Eventually.ReturnsAsync(
            async () => (await SendsAsync(host)).FirstOrDefault(send => send.Template == template) is { Key: not null } found ? (found.Key, found.At) : (Key: string.Empty, At: default),
            sent => sent.Key.Length > 0,
            TimeSpan.FromSeconds(90),
            $"{template} should have been sent");

    /// <summary>The win-back e-mails the Server's send ledger holds for her, with the moment the provider took each.</summary>
    private static async Task<List<(string Template, string Key, DateTimeOffset At)>> SendsAsync(ServerHost host)
    {
        var sends = new List<(string Template, string Key, DateTimeOffset At)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Ana.Value}");
        await foreach (var row in host.Storage.Table(host.Storage.Names.SendHistory).QueryAsync<TableEntity>(filter))
        {
            if (row.GetString("JourneyId") == "winback-60" && row.GetDateTimeOffset("SentAt") is { } sentAt)
            {
                sends.Add((row.GetString("TemplateId")!, row.GetString("IdempotencyKey")!, sentAt));
            }
        }

        return [.. sends.OrderBy(send => send.At)];
    }
}
