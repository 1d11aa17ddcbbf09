using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Running;

/// <summary>
/// The loop every runtime runs around the decider for one input: decide, hand each send to the ports with the effects
/// asked for before it, feed the send's outcome straight back, until the decider has nothing more to do. The effects
/// after the last send, and the state, are returned for the runtime to save in one go.
/// </summary>
/// <remarks>
/// A Durable orchestrator awaits this loop, so it must stay on the orchestration's thread: every await here keeps its
/// context (<c>ConfigureAwait</c> is never given false), no I/O and no clock of its own here (time is <paramref name="now"/> in <see cref="RunAsync"/>).
/// </remarks>
public static class JourneyInterpreter
{
    public static async Task<InterpretedInput> RunAsync(
        JourneyDefinition journey, EnrollmentRecord enrollment, JourneyInput input, Func<DateTimeOffset> now, IJourneyEffectPorts ports)
    {
        var state = enrollment.State;
        var pending = new Queue<JourneyInput>([input]);
        var effects = new List<EnrollmentEffect>();

        // Each send outcome is fed back at once; a journey cannot send more than once per node between two waits.
        var guard = (journey.Nodes.Count * 2) + 4;
        while (guard-- > 0 && pending.TryDequeue(out var next))
        {
            var step = JourneyDecider.Decide(journey, state, next, now());
            state = step.State;
            var context = EnrollmentContext.Of(enrollment with { State = state });
            foreach (var effect in step.Effects)
            {
                switch (effect)
                {
                    case SendEmail send:
                        var request = new JourneySendRequest(
                            [.. effects], new JourneySend(enrollment.EnrollmentId, journey.Id, journey.Version, enrollment.Customer, send, journey.SendPolicy));
                        effects.Clear();
                        pending.Enqueue(new EffectCompleted(send.IdempotencyKey, await ports.SendAsync(request)));
                        break;
                    case WaitUntil or ExitEnrollment or CompleteEnrollment:
                        break; // the state carries them: the runtime waits on the state's timer, or ends the run
                    default:
                        effects.Add(new EnrollmentEffect(context, effect));
                        break;
                }
            }
        }

        return new InterpretedInput(state, effects, pending.Count);
    }
}
