using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Profiles;
using EcCrm.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// The embedded runner's step: takes one input for one enrollment, holds the enrollment under a lease so no other
/// process runs it meanwhile, loops the decider (feeding send outcomes straight back), carries out every effect, then
/// writes the new state and releases the lease. Effects are all idempotent and happen before the state is written,
/// so a crash anywhere means the input is processed again and repeats nothing that matters.
/// </summary>
public sealed partial class JourneyRunner(
    IEnrollmentStore enrollments,
    JourneyCatalog catalog,
    IJourneyMailer mailer,
    ITimerScheduler timers,
    JourneyEffects effects,
    IOptions<RunnerOptions> options,
    TimeProvider time,
    ILogger<JourneyRunner> logger)
{
    private const int MaxAttempts = 5;
    private readonly string instance = options.Value.InstanceId ?? $"{Environment.MachineName}:{Environment.ProcessId}";
    private readonly EmbeddedPorts ports = new(mailer, timers, effects);
    private long inputsTaken;

    public async Task<RunOutcome> ProcessAsync(JourneyInputMessage message, CancellationToken cancellationToken)
    {
        // The lease names this process and this input: two inputs of one enrollment handled at once in the same
        // process exclude each other too (the second is put back as Busy instead of failing on the ETag).
        var owner = $"{instance}/{Interlocked.Increment(ref inputsTaken)}";
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await enrollments.GetAsync(message.EnrollmentId, cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                LogUnknownEnrollment(message.EnrollmentId, message.Input.GetType().Name);
                return RunOutcome.UnknownEnrollment;
            }

            var now = time.GetUtcNow();
            if (stored.Value.IsLeasedAt(now, owner))
            {
                return RunOutcome.Busy;
            }

            var leased = stored.Value with { LeaseOwner = owner, LeaseUntil = now + options.Value.LeaseDuration };
            if (await enrollments.TryReplaceAsync(leased, stored.Version, cancellationToken).ConfigureAwait(false) is not { } leaseVersion)
            {
                continue; // changed since read: read again
            }

            var journey = await catalog.GetAsync(leased.JourneyId, leased.Version, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Enrollment {leased.EnrollmentId} runs {leased.JourneyId} v{leased.Version}, which is not published.");
            EnrollmentState state;
            try
            {
                state = await RunAsync(journey, leased, message.Input, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: give the enrollment back as it was, so the redelivered input need not wait for the lease to run out.
                await enrollments.TryReplaceAsync(stored.Value with { LeaseOwner = null, LeaseUntil = null }, leaseVersion, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            var done = leased with { State = state, LeaseOwner = null, LeaseUntil = null };
            if (await enrollments.TryReplaceAsync(done, leaseVersion, cancellationToken).ConfigureAwait(false) is null)
            {
                // Our lease ran out and another process took over: its run wins; ours only repeated idempotent effects.
                LogLeaseLost(leased.EnrollmentId);
                throw new ConcurrencyConflictException($"Lost the lease on enrollment {leased.EnrollmentId} while processing.");
            }

            return RunOutcome.Processed;
        }

        throw new ConcurrencyConflictException($"Enrollment {message.EnrollmentId} kept changing during {MaxAttempts} attempts.");
    }

    private async Task<EnrollmentState> RunAsync(JourneyDefinition journey, EnrollmentRecord enrollment, JourneyInput input, CancellationToken cancellationToken)
    {
        var result = await JourneyInterpreter.RunAsync(journey, enrollment, input, time.GetUtcNow, ports, cancellationToken).ConfigureAwait(false);
        if (result.Unprocessed > 0)
        {
            LogGuardStopped(enrollment.EnrollmentId, result.Unprocessed);
        }

        return result.State;
    }

    /// <summary>The embedded runtime's ports: the mailer, timers as delayed queue messages, and the effects directly.</summary>
    private sealed class EmbeddedPorts(IJourneyMailer mailer, ITimerScheduler timers, JourneyEffects effects) : IJourneyEffectPorts
    {
        public Task<SendOutcome> SendAsync(JourneySend send, CancellationToken cancellationToken) => mailer.SendAsync(send, cancellationToken);

        public Task ScheduleTimerAsync(string enrollmentId, WaitUntil wait, CancellationToken cancellationToken) =>
            timers.ScheduleAsync(enrollmentId, wait.Token, wait.At, cancellationToken);

        public Task CarryOutAsync(EnrollmentContext enrollment, JourneyEffect effect, CancellationToken cancellationToken) =>
            effects.CarryOutAsync(enrollment, effect, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Input {Input} for unknown enrollment {EnrollmentId} was dropped")]
    private partial void LogUnknownEnrollment(string enrollmentId, string input);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease on enrollment {EnrollmentId} ran out while processing; the input will be retried")]
    private partial void LogLeaseLost(string enrollmentId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Enrollment {EnrollmentId}: the runner's guard stopped with {Pending} inputs left")]
    private partial void LogGuardStopped(string enrollmentId, int pending);
}
