using EcCrm.Testing;
using System.Diagnostics;
using EcCrm.Core.Diagnostics;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Journeys.Sending;
using EcCrm.Core.Profiles;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EcCrm.Core.Tests.Diagnostics;

public class JourneyStepTelemetryTests
{
    // A journey id of this test's own: meters and sources are process-wide, and other tests record beside it.
    private const string JourneyId = "telemetry-deferred";

    [Fact]
    public async Task ADeferredSendContinuesTheInputsTraceAndIsCountedByItsReason()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(EcCrmTelemetry.Name).AddInMemoryExporter(spans).Build();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(EcCrmTelemetry.Name).AddInMemoryExporter(metrics).Build();
        var trace = ActivityTraceId.CreateRandom();
        var input = ActivitySpanId.CreateRandom();
        var send = new JourneySend(
            $"{JourneyId}:c:1", JourneyId, 1, TestKeys.ForEmail("quiet@example.com"),
            new SendEmail("key-1", "winback-1", "email-1", "marketing", false, null), new SendRules(null, null));
        // No effects before the send: none of the effect ports is reached.
        var steps = new JourneySteps(new DeferringMailer(), new JourneyEffects(null!, null!, null!, TimeProvider.System), new EnrollmentStates(null!));

        var done = await steps.SendAsync(new JourneySendRequest([], send, $"00-{trace}-{input}-01"), CancellationToken.None);

        Assert.IsType<Deferred>(done.Outcome);
        var mine = spans.ToArray().Where(span => span.TraceId == trace).ToArray();
        var sendSpan = Assert.Single(mine, span => span.OperationName == EcCrmTelemetry.JourneySendSpan);
        Assert.Equal(input, sendSpan.ParentSpanId);
        Assert.Equal("email-1", sendSpan.GetTagItem(EcCrmTelemetry.NodeTag));
        Assert.Equal(nameof(Deferred), sendSpan.GetTagItem(EcCrmTelemetry.OutcomeTag));
        Assert.Contains(mine, span => span.OperationName == EcCrmTelemetry.EmailSendSpan && span.ParentSpanId == sendSpan.SpanId);

        meters.ForceFlush();
        Assert.Equal(1, Count(metrics, EcCrmTelemetry.SendsInstrument, EcCrmTelemetry.OutcomeTag, nameof(Deferred)));
        Assert.Equal(1, Count(metrics, EcCrmTelemetry.DeferredSendsInstrument, EcCrmTelemetry.ReasonTag, nameof(DeferReason.QuietHours)));
    }

    /// <summary>This test's journey's count of <paramref name="instrument"/> where <paramref name="tag"/> is <paramref name="value"/>.</summary>
    private static long Count(List<Metric> metrics, string instrument, string tag, string value)
    {
        long total = 0;
        foreach (var metric in metrics.Where(metric => metric.Name == instrument))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var pair in point.Tags)
                {
                    tags[pair.Key] = pair.Value;
                }

                if (Equals(tags.GetValueOrDefault(EcCrmTelemetry.JourneyTag), JourneyId) && Equals(tags.GetValueOrDefault(tag), value))
                {
                    total += point.GetSumLong();
                }
            }
        }

        return total;
    }

    private sealed class DeferringMailer : IJourneyMailer
    {
        public Task<SendOutcome> SendAsync(JourneySend send, CancellationToken cancellationToken) =>
            Task.FromResult<SendOutcome>(new Deferred(DateTimeOffset.UnixEpoch, DeferReason.QuietHours));
    }
}
