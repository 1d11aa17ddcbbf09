using System.Diagnostics;
using System.Net;
using System.Text.Json;
using EcCrm.Core.Diagnostics;
using EcCrm.Core.Profiles;
using EcCrm.Server.Tests.Customers;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EcCrm.Server.Tests.Telemetry;

/// <summary>
/// The Server's OpenTelemetry, read back with the in-memory exporter. Each request carries a <c>traceparent</c> of
/// its own, so the spans of this test are told apart from those of tests running beside it (listeners are process-wide).
/// </summary>
public class TelemetryTests
{
    private const string AspNetCoreSource = "Microsoft.AspNetCore";

    [Fact]
    public async Task OneTraceFollowsAnOrderFromTheWebhookThroughTheQueueToTheProfile()
    {
        var telemetry = new Exported();
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Telemetry:Prometheus"] = "true" }) { ConfigureServices = telemetry.Add };
        using var client = host.CreateClient();
        var trace = ActivityTraceId.CreateRandom();

        var response = await client.SendAsync(Traced(SignedWebhooks.Generic(Payloads.Text(Payloads.Generic)), trace));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await CustomerApi.WaitForAsync(host, "riko@example.com", p => p.GetProperty("orderCount").GetInt32() == 1);

        var spans = await telemetry.TraceAsync(trace, EcCrmTelemetry.ProfileUpdateSpan);
        var request = Assert.Single(spans, span => span.Source.Name == AspNetCoreSource);
        var enqueue = Assert.Single(spans, span => span.OperationName == EcCrmTelemetry.OrderEnqueueSpan);
        var ingest = Assert.Single(spans, span => span.OperationName == EcCrmTelemetry.OrderIngestSpan);
        var profile = Assert.Single(spans, span => span.OperationName == EcCrmTelemetry.ProfileUpdateSpan);
        Assert.Equal(request.SpanId, enqueue.ParentSpanId);
        Assert.Equal(ActivityKind.Producer, enqueue.Kind);
        Assert.Equal(enqueue.SpanId, ingest.ParentSpanId); // across the orders queue
        Assert.Equal(ActivityKind.Consumer, ingest.Kind);
        Assert.Equal(ingest.SpanId, profile.ParentSpanId);
        Assert.Equal("Generic", ingest.GetTagItem(EcCrmTelemetry.SourceTag));
        Assert.DoesNotContain(spans.SelectMany(span => span.TagObjects), tag => tag.Value?.ToString()?.Contains('@', StringComparison.Ordinal) == true);

        // A message that is no order goes to poison at once: counted.
        await host.Storage.Queue(host.Storage.Names.OrdersQueueName).SendMessageAsync("not json");
        var metrics = await telemetry.MetricsAsync(host, EcCrmTelemetry.PoisonedInstrument);
        Assert.Contains(EcCrmTelemetry.OrdersIngestedInstrument, metrics);
        Assert.Contains(EcCrmTelemetry.QueueAgeInstrument, metrics);

        var scraped = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("eccrm_orders_ingested", scraped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShopifyComplianceRequestIsCarriedOutInTheTraceOfItsWebhook()
    {
        var telemetry = new Exported();
        await using var host = new ServerHost { ConfigureServices = telemetry.Add };
        using var client = host.CreateClient();
        var trace = ActivityTraceId.CreateRandom();
        var body = """{"shop_id": 954889, "shop_domain": "test-shop.myshopify.com", "customer": {"id": 191167, "email": "traced@example.jp"}, "orders_to_redact": []}""";

        var response = await client.SendAsync(Traced(SignedWebhooks.ShopifyCompliance("customers/redact", body), trace));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var spans = await telemetry.TraceAsync(trace, EcCrmTelemetry.ComplianceCarryOutSpan);
        var request = Assert.Single(spans, span => span.Source.Name == AspNetCoreSource);
        var carriedOut = Assert.Single(spans, span => span.OperationName == EcCrmTelemetry.ComplianceCarryOutSpan);
        Assert.Equal(request.SpanId, carriedOut.ParentSpanId); // across the compliance queue
        Assert.Equal(ActivityKind.Consumer, carriedOut.Kind);
        Assert.Equal("customers/redact", carriedOut.GetTagItem(EcCrmTelemetry.ComplianceTopicTag));
        Assert.DoesNotContain(spans.SelectMany(span => span.TagObjects), tag => tag.Value?.ToString()?.Contains('@', StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task TheMetricsEndpointIsOffUnlessSwitchedOn()
    {
        await using var host = new ServerHost(new Dictionary<string, string?> { ["Listeners:Enabled"] = "false" });
        using var client = host.CreateClient();

        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AJourneySendIsTracedAndAnOrderTraceReachesTheRunsStep()
    {
        var telemetry = new Exported();
        var clock = ServerJourneys.Clock();
        await using var host = new ServerHost(ServerJourneys.Settings(clock)) { ConfigureServices = telemetry.Add };
        using var api = host.CreateApiClient();
        await ServerJourneys.PublishWinbackAsync(api);
        await ServerJourneys.OrderAsync(api, "sora@example.jp", "old-1", clock.SimulatedNow.AddDays(-59.5));
        await ServerJourneys.MailsAsync(host.Prefix, "sora@example.jp", count: 1);
        var key = TestKeys.ForEmail("sora@example.jp");
        await ServerJourneys.EnrollmentAsync(api, key, e => e.TryGetProperty("currentNode", out var node) && node.GetString() == "wait-1");

        // The sweep's entry has no trace to continue: the send is a trace of its own, the e-mail inside it.
        var send = await Eventually.ReturnsAsync(
            () => Task.FromResult(telemetry.Spans.FirstOrDefault(span =>
                span.OperationName == EcCrmTelemetry.JourneySendSpan && Equals(span.GetTagItem(EcCrmTelemetry.NodeTag), "email-1")
                && Equals(span.GetTagItem(EcCrmTelemetry.OutcomeTag), "Sent"))), // a first attempt may be deferred (quiet hours)
            span => span is not null,
            TimeSpan.FromSeconds(30),
            "the send activity's span");
        Assert.Equal("winback-60", send!.GetTagItem(EcCrmTelemetry.JourneyTag));
        Assert.Contains(telemetry.Spans, span => span.OperationName == EcCrmTelemetry.EmailSendSpan && span.ParentSpanId == send.SpanId);

        // An order's trace goes from the webhook through ingestion and the journey-inputs queue to the step it decides.
        var trace = ActivityTraceId.CreateRandom();
        var body = JsonSerializer.Serialize(new
        {
            orderId = "sora@example.jp-back-1",
            status = "paid",
            placedAt = clock.SimulatedNow,
            currency = "JPY",
            total = 3200,
            customer = new { email = "sora@example.jp", acceptsMarketing = true },
            lines = new[] { new { productId = "beans-house", title = "House Blend 200g", quantity = 1, unitPrice = 3200 } },
        });
        Assert.Equal(HttpStatusCode.Accepted, (await api.SendAsync(Traced(SignedWebhooks.Generic(body), trace))).StatusCode);
        await ServerJourneys.EnrollmentAsync(api, key, e => e.GetProperty("status").GetString()!.Equals("exited", StringComparison.OrdinalIgnoreCase));

        // The order is an input to the run (OrderPlaced, and ProfileChanged too): the step that decided on the order
        // continues the input's span, which continues ingestion's.
        var spans = await Eventually.ReturnsAsync(
            () => Task.FromResult(telemetry.Spans.Where(span => span.TraceId == trace).ToArray()),
            mine => mine.Any(step => step.OperationName == EcCrmTelemetry.JourneyStepSpan && Equals(step.GetTagItem(EcCrmTelemetry.JourneyTag), "winback-60")
                && mine.Any(input => input.SpanId == step.ParentSpanId && Equals(input.GetTagItem(EcCrmTelemetry.InputTag), "OrderPlaced"))),
            TimeSpan.FromSeconds(30),
            "the order's trace should reach the run's step"); // through the durable run's data
        var ingest = Assert.Single(spans, span => span.OperationName == EcCrmTelemetry.OrderIngestSpan);
        Assert.All(spans.Where(span => span.OperationName == EcCrmTelemetry.JourneyInputSpan), input => Assert.Equal(ingest.SpanId, input.ParentSpanId)); // across the journey-inputs queue
        Assert.Contains(spans, span => span.Source.Name == AspNetCoreSource);

        var metrics = await telemetry.MetricsAsync(host, EcCrmTelemetry.SendsInstrument);
        Assert.Contains(EcCrmTelemetry.JourneyEntriesInstrument, metrics);
    }

    private static HttpRequestMessage Traced(HttpRequestMessage request, ActivityTraceId trace)
    {
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        return request;
    }

    private static T[] Snapshot<T>(List<T> exported)
        where T : class
    {
        while (true)
        {
            try
            {
                return [.. exported.ToArray().Where(item => item is not null)];
            }
            catch (ArgumentException)
            {
                // The list grew while being copied: copy again.
            }
        }
    }

    /// <summary>What the in-memory exporters received.</summary>
    private sealed class Exported
    {
        private readonly List<Metric> metrics = [];

        private readonly List<Activity> spans = [];

        /// <summary>A copy of the spans so far (the exporter adds to its list from other threads).</summary>
        public Activity[] Spans => Snapshot(spans);

        public void Add(IServiceCollection services)
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        }

        /// <summary>The spans of one trace, once the one named <paramref name="last"/> has ended.</summary>
        public Task<Activity[]> TraceAsync(ActivityTraceId trace, string last) =>
            Eventually.ReturnsAsync(
                () => Task.FromResult(Spans.Where(span => span.TraceId == trace).ToArray()),
                spans => spans.Any(span => span.OperationName == last),
                TimeSpan.FromSeconds(30),
                $"the trace should reach {last}");

        /// <summary>The names of the EcCrm instruments exported, once <paramref name="awaited"/> is among them.</summary>
        public Task<HashSet<string>> MetricsAsync(ServerHost host, string awaited) =>
            Eventually.ReturnsAsync(
                () =>
                {
                    host.Services.GetRequiredService<MeterProvider>().ForceFlush();
                    return Task.FromResult(Snapshot(metrics).Where(metric => metric.MeterName == EcCrmTelemetry.Name).Select(metric => metric.Name).ToHashSet());
                },
                names => names.Contains(awaited),
                TimeSpan.FromSeconds(30),
                $"{awaited} should be exported");
    }
}
