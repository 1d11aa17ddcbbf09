namespace EcCrm.Core.Journeys.Decider;

/// <summary>The decider's answer: the state to keep and the effects to carry out, in order.</summary>
public sealed record JourneyStep(EnrollmentState State, IReadOnlyList<JourneyEffect> Effects)
{
    /// <summary>Nothing to carry out. The state may still have changed (a fact was noted): save it all the same.</summary>
    public bool IsNoOp => Effects.Count == 0;

    public static JourneyStep NoOp(EnrollmentState state) => new(state, []);
}
