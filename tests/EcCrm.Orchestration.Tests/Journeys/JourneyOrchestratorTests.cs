using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Orders;
using EcCrm.Core.Profiles;
using EcCrm.Orchestration.Journeys;
using EcCrm.Testing;
using Microsoft.DurableTask.Client;

namespace EcCrm.Orchestration.Tests.Journeys;

/// <summary>
/// The journey orchestrator on the real replay engine: every await of a generation is replayed from history when the
/// next one completes, timers are durable timers, inputs from outside are external events.
/// </summary>
public class JourneyOrchestratorTests
{
    // 10:00 in Tokyo (the shop's and so the customer's zone): outside quiet hours.
    private static readonly DateTimeOffset Morning = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    // A simulated day every second: a whole win-back (with a short goal window) in about twenty.
    private const double Fast = 86_400;

    // A simulated day every 20 s: slow enough to act between two steps of a run.
    private const double Steady = 4_320;

    [Fact]
    public async Task AWholeWinbackRunsOnDurableTimersAcrossWeeksAndSendsEachEmailOnce()
    {
        await using var engine = await JourneyEngineFixture.StartAsync(Morning, Fast);
        await engine.PublishWinbackAsync(goalDays: 3);
        var enrollmentId = await engine.EnrollInactiveCustomerAsync("whole@example.jp", daysAgo: 61);

        await engine.DeliverQueuedInputsAsync();
        var end = await engine.CompletionAsync(enrollmentId, TimeSpan.FromSeconds(60));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, end.RuntimeStatus);
        Assert.Equal(EnrollmentStatus.Completed, end.ReadOutputAs<JourneyRunEnd>()!.Status);
        var mails = engine.Mails();
        Assert.Equal(["winback-1", "winback-2", "winback-3"], mails.Select(mail => mail.TemplateId));

        // Five days' wait (plus, at most, the night's quiet hours); then no open for seven days and the next Tuesday or Thursday
        // morning. At a day a second, a busy machine's lag of up to a second shows as up to a simulated day late, never early.
        var lag = TimeSpan.FromDays(1);
        Assert.InRange(mails[1].At - mails[0].At, TimeSpan.FromDays(5), TimeSpan.FromDays(5.5) + lag);
        Assert.InRange(mails[2].At - mails[1].At, TimeSpan.FromDays(7), TimeSpan.FromDays(11) + lag);

        // Every generation was replayed from its history at each await; what it did, it did once.
        var events = await engine.EventsAsync();
        Assert.Equal(3, events.Count(e => e.Kind == JourneyEventKind.Sent));
        Assert.Single(events, e => e.Kind == JourneyEventKind.Entered);
        Assert.Single(events, e => e.Kind == JourneyEventKind.Completed);
        var saved = await engine.EnrollmentAsync(enrollmentId, enrollment => enrollment.HasEnded, "the run saves its end");
        Assert.Equal(EnrollmentStatus.Completed, saved.State.Status);
    }

    [Fact]
    public async Task AnOrderRaisedToTheRunEndsItWithTheOrderAsItsConversion()
    {
        await using var engine = await JourneyEngineFixture.StartAsync(Morning, Steady);
        await engine.PublishWinbackAsync();
        var enrollmentId = await engine.EnrollInactiveCustomerAsync("back@example.jp", daysAgo: 61);
        await engine.DeliverQueuedInputsAsync();
        await engine.MailsAsync(1);

        // The order is ingested as the order queue's handler does: running enrollments hear of it through journey-inputs.
        await engine.IngestAsync(TestOrders.Paid("back@example.jp-2", "back@example.jp", engine.Now) with { Total = 5400m });
        await engine.DeliverQueuedInputsAsync();
        var end = await engine.CompletionAsync(enrollmentId, TimeSpan.FromSeconds(30));

        Assert.Equal(new JourneyRunEnd(EnrollmentStatus.Exited, ExitReason.OrderPlaced, "back@example.jp-2"), end.ReadOutputAs<JourneyRunEnd>());
        var converted = Assert.Single(await engine.EventsAsync(), e => e.Kind == JourneyEventKind.Converted);
        Assert.Equal("back@example.jp-2", converted.OrderId);
        Assert.Equal(["winback-1"], engine.Mails().Select(mail => mail.TemplateId));
    }

    [Fact]
    public async Task EveryInputDeliveredTwiceSendsEachEmailOnceAndCountsTheConversionOnce()
    {
        await using var engine = await JourneyEngineFixture.StartAsync(Morning, Steady);
        await engine.PublishWinbackAsync();
        var enrollmentId = await engine.EnrollInactiveCustomerAsync("twice@example.jp", daysAgo: 61);
        var started = Assert.Single(await engine.DeliverQueuedInputsAsync()).Input;

        // A queue delivers at least once: the same Started twice at the same moment, then again later.
        await Task.WhenAll(engine.RouteAsync(enrollmentId, started), engine.RouteAsync(enrollmentId, started));
        await engine.MailsAsync(1);
        await engine.RouteAsync(enrollmentId, started);
        var order = new OrderPlaced("twice@example.jp-2", engine.Now, 4800m, ["beans-house"], ["coffee"]);
        await Task.WhenAll(engine.RouteAsync(enrollmentId, order), engine.RouteAsync(enrollmentId, order));
        await engine.CompletionAsync(enrollmentId, TimeSpan.FromSeconds(30));

        Assert.Single(engine.Mails());
        var events = await engine.EventsAsync();
        Assert.Single(events, e => e.Kind == JourneyEventKind.Entered);
        Assert.Equal(4800m, Assert.Single(events, e => e.Kind == JourneyEventKind.Converted).Revenue);
    }

    [Fact]
    public async Task AnInputForAFinishedRunIsDroppedAndChangesNothing()
    {
        await using var engine = await JourneyEngineFixture.StartAsync(Morning, Steady);
        await engine.PublishWinbackAsync();
        var enrollmentId = await engine.EnrollInactiveCustomerAsync("done@example.jp", daysAgo: 61);
        await engine.DeliverQueuedInputsAsync();
        await engine.MailsAsync(1);
        await engine.RouteAsync(enrollmentId, new OrderPlaced("done@example.jp-2", engine.Now, 3200m, [], []));
        await engine.CompletionAsync(enrollmentId, TimeSpan.FromSeconds(30));
        var before = await engine.EnrollmentAsync(enrollmentId, enrollment => enrollment.HasEnded, "the run saved its end");

        await engine.RouteAsync(enrollmentId, new OrderPlaced("done@example.jp-3", engine.Now, 9900m, [], []));
        await engine.RouteAsync(enrollmentId, new EmailEvent(EmailEventKind.Opened, $"{enrollmentId}:email-1:1", "winback-1", engine.Now));
        await engine.RouteAsync(enrollmentId, new TimerFired("t1"));

        var after = (await engine.Client.GetInstanceAsync(enrollmentId, getInputsAndOutputs: true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Equal("done@example.jp-2", after.ReadOutputAs<JourneyRunEnd>()!.ConvertedOrderId);
        Assert.Equal(before.State.Sequence, (await engine.EnrollmentAsync(enrollmentId, _ => true, "the enrollment")).State.Sequence);
        Assert.Single(engine.Mails());
    }

    [Fact]
    public async Task ARunWhoseActivityKeepsFailingFailsWithTheReasonAndRestartsFromWhereItFailed()
    {
        await using var engine = await JourneyEngineFixture.StartAsync(Morning, Steady);
        await engine.PublishWinbackAsync();
        var enrollmentId = await engine.EnrollInactiveCustomerAsync("broken@example.jp", daysAgo: 61);

        // The send ledger's table is gone: every attempt of the first send fails.
        var ledger = engine.Services.Storage.Names.SendHistory;
        await engine.Services.Storage.Tables.DeleteTableAsync(ledger);
        await engine.DeliverQueuedInputsAsync();
        var failed = await engine.CompletionAsync(enrollmentId, TimeSpan.FromSeconds(30));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        var run = (await engine.Runs.GetAsync(engine.Client, enrollmentId, default))!;
        Assert.Equal(nameof(OrchestrationRuntimeStatus.Failed), run.EngineStatus);
        Assert.Contains(JourneyOrchestration.SendActivity, run.Failure, StringComparison.Ordinal);
        Assert.Empty(engine.Mails());

        // Fixed, and restarted: the failed step runs again from its input, and the run goes on.
        await engine.Services.Storage.Tables.CreateTableIfNotExistsAsync(ledger);
        Assert.Equal(RestartOutcome.Restarted, await JourneyRuns.RestartAsync(engine.Client, enrollmentId, default));
        await engine.MailsAsync(1);
        var waiting = await engine.EnrollmentAsync(enrollmentId, enrollment => enrollment.State.Node == "wait-1", "the restarted run reaches the five-day wait");
        Assert.Equal(EnrollmentStatus.Active, waiting.State.Status);
        Assert.Single(await engine.EventsAsync(), e => e.Kind == JourneyEventKind.Entered);
    }

    [Fact]
    public async Task ATerminatedRunStopsAndItsEnrollmentIsClosedAsCancelled()
    {
        await using var engine = await JourneyEngineFixture.StartAsync(Morning, Steady);
        await engine.PublishWinbackAsync();
        var enrollmentId = await engine.EnrollInactiveCustomerAsync("stop@example.jp", daysAgo: 61);
        await engine.DeliverQueuedInputsAsync();
        await engine.EnrollmentAsync(enrollmentId, enrollment => enrollment.State.Node == "wait-1", "the run waits five days");

        Assert.True(await engine.Runs.TerminateAsync(engine.Client, enrollmentId, "the shop asked", default));

        var terminated = await engine.CompletionAsync(enrollmentId, TimeSpan.FromSeconds(30));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        var closed = await engine.EnrollmentAsync(enrollmentId, enrollment => enrollment.HasEnded, "the enrollment is closed");
        Assert.Equal(ExitReason.Cancelled, closed.State.ExitReason);
        Assert.False(await engine.Runs.TerminateAsync(engine.Client, "winback-60:" + TestKeys.ForEmail("nobody@example.jp") + ":1", "no such run", default));
    }
}
