using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// The loop every runtime runs around the decider for one input: decide, carry out the effects through the ports,
/// feed each send's outcome straight back, until the decider has nothing more to do. It is deterministic given the
/// ports' answers and the clock, which is what lets a Durable orchestrator replay it.
/// </summary>
public static class JourneyInterpreter
{
    public static async Task<InterpretedInput> RunAsync(
        JourneyDefinition journey,
        EnrollmentRecord enrollment,
        JourneyInput input,
        Func<DateTimeOffset> now,
        IJourneyEffectPorts ports,
        CancellationToken cancellationToken)
    {
        var state = enrollment.State;
        var pending = new Queue<JourneyInput>([input]);

        // Each send outcome is fed back at once; a journey cannot send more than once per node between two waits.
        var guard = (journey.Nodes.Count * 2) + 4;
        while (pending.TryDequeue(out var next) && guard-- > 0)
        {
            var step = JourneyDecider.Decide(journey, state, next, now());
            state = step.State;
            var current = enrollment with { State = state };
            foreach (var effect in step.Effects)
            {
                switch (effect)
                {
                    case SendEmail send:
                        var outcome = await ports.SendAsync(
                            new JourneySend(current.EnrollmentId, journey.Id, journey.Version, current.Customer, send, journey.SendPolicy),
                            cancellationToken).ConfigureAwait(false);
                        pending.Enqueue(new EffectCompleted(send.IdempotencyKey, outcome));
                        break;
                    case WaitUntil wait:
                        await ports.ScheduleTimerAsync(current.EnrollmentId, wait, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        await ports.CarryOutAsync(EnrollmentContext.Of(current), effect, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }

        return new InterpretedInput(state, pending.Count);
    }
}

/// <summary>The enrollment's state after an input, and how many fed-back inputs the loop's guard left unprocessed (a bug if not 0).</summary>
public sealed record InterpretedInput(EnrollmentState State, int Unprocessed);
