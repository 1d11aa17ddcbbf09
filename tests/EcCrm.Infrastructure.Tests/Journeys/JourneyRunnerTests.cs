using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Infrastructure.Email;
using EcCrm.Infrastructure.Journeys;
using EcCrm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EcCrm.Infrastructure.Tests.Journeys;

/// <summary>The embedded runner on Azurite with the real send ledger and the mail sink: queues redeliver, so must the runner cope.</summary>
public class JourneyRunnerTests
{
    // 10:00 in Tokyo (the shop's and so the customer's zone): outside quiet hours.
    private static readonly DateTimeOffset Morning = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EveryInputDeliveredTwiceSendsEachEmailOnceAndCountsTheConversionOnce()
    {
        var timers = new RecordedTimers();
        await using var services = await TestServices.CreateAsync(
            Morning,
            new Dictionary<string, string?> { ["Journeys:Folder"] = RepositoryRoot.Combine("journeys") },
            collection => collection.Replace(ServiceDescriptor.Singleton<ITimerScheduler>(provider =>
                timers.Around(ActivatorUtilities.CreateInstance<QueueTimerScheduler>(provider)))));
        await JourneyFixture.PublishWinbackAsync(services);
        var runner = services.Get<JourneyRunner>();
        var customer = CustomerKey.FromEmail("twice@example.jp");
        await services.Get<OrderIngestion>().IngestAsync(JourneyFixture.Order("twice@example.jp", Morning.AddDays(-61)), default);
        await services.Get<InactivitySweep>().RunAsync(default);
        var started = await JourneyFixture.ReceiveInputAsync(services);
        var enrollmentId = started.EnrollmentId;

        async Task DeliverTwiceAsync(JourneyInput input)
        {
            Assert.Equal(RunOutcome.Processed, await runner.ProcessAsync(new JourneyInputMessage(enrollmentId, input), default));
            Assert.Equal(RunOutcome.Processed, await runner.ProcessAsync(new JourneyInputMessage(enrollmentId, input), default));
        }

        await DeliverTwiceAsync(started.Input); // e-mail 1, then the 5-day wait
        var fiveDays = timers.Last(enrollmentId);
        services.Clock.Advance(fiveDays.At - services.Clock.GetUtcNow());
        await DeliverTwiceAsync(new TimerFired(fiveDays.Token)); // coupon, e-mail 2, then wait for an open
        await DeliverTwiceAsync(new TimerFired(fiveDays.Token)); // late redelivery of an old timer
        var second = Assert.Single(Sunk(services), mail => mail.TemplateId == "winback-2");
        var secondKey = $"{enrollmentId}:email-2:1";
        await DeliverTwiceAsync(new EmailEvent(EmailEventKind.Opened, secondKey, "winback-2", second.At.AddHours(1)));
        services.Clock.Advance(TimeSpan.FromDays(1));
        var order = new OrderPlaced($"twice@example.jp-back", services.Clock.GetUtcNow(), 4800m, ["beans-house"], ["coffee"]);
        await DeliverTwiceAsync(order);
        await DeliverTwiceAsync(new TimerFired(timers.Last(enrollmentId).Token)); // the 2-day wait after the open, now moot

        Assert.Equal(["winback-1", "winback-2"], Sunk(services).Select(mail => mail.TemplateId).Order(StringComparer.Ordinal));
        var enrollment = await services.Get<IEnrollmentStore>().GetAsync(enrollmentId, default);
        var view = EnrollmentView.From(enrollment!.Value);
        Assert.Equal(EnrollmentStatus.Exited, view.Status);
        Assert.Equal("twice@example.jp-back", view.ConvertedOrderId);
        var events = new List<JourneyEventRecord>();
        await foreach (var journeyEvent in services.Get<IJourneyEventLog>().ListAsync("winback-60", default))
        {
            events.Add(journeyEvent);
        }

        Assert.Equal(2, events.Count(e => e.Kind == JourneyEventKind.Sent));
        var converted = Assert.Single(events, e => e.Kind == JourneyEventKind.Converted);
        Assert.Equal(4800m, converted.Revenue);
        Assert.All(events, e => Assert.Equal(customer, e.Customer));
    }

    private static IReadOnlyList<SunkMail> Sunk(TestServices services) => services.Get<MailSink>().List(100);


    /// <summary>Keeps the timers the runner arms (they still go to the queue), so the test can fire them without waiting days.</summary>
    private sealed class RecordedTimers
    {
        private readonly List<(string EnrollmentId, string Token, DateTimeOffset At)> armed = [];

        public ITimerScheduler Around(ITimerScheduler inner) => new Recording(this, inner);

        public (string Token, DateTimeOffset At) Last(string enrollmentId)
        {
            lock (armed)
            {
                var last = armed.Last(timer => timer.EnrollmentId == enrollmentId);
                return (last.Token, last.At);
            }
        }

        private sealed class Recording(RecordedTimers owner, ITimerScheduler inner) : ITimerScheduler
        {
            public async Task ScheduleAsync(string enrollmentId, string token, DateTimeOffset at, CancellationToken cancellationToken)
            {
                await inner.ScheduleAsync(enrollmentId, token, at, cancellationToken);
                lock (owner.armed)
                {
                    owner.armed.Add((enrollmentId, token, at));
                }
            }
        }
    }
}
