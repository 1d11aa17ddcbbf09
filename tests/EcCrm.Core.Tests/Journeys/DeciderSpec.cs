using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Definition;
using EcCrm.Core.Journeys.Validation;

namespace EcCrm.Core.Tests.Journeys;

/// <summary>
/// Given inputs / When an input / Then effects, for the journey decider. Inputs that depend on the state (the current
/// timer's token, the pending send's key) are written as functions of it, as a runtime would fill them in.
/// </summary>
internal sealed class DeciderSpec
{
    private JourneyStep? last;

    private DeciderSpec(JourneyDefinition journey) => Journey = journey;

    public JourneyDefinition Journey { get; }

    public EnrollmentState State { get; private set; } = EnrollmentState.NotStarted;

    /// <summary>Every effect of the given inputs, in order.</summary>
    public List<JourneyEffect> History { get; } = [];

    public IReadOnlyList<JourneyEffect> Effects => last?.Effects ?? throw new InvalidOperationException("Call When first.");

    public static DeciderSpec For(string journeyJson)
    {
        var read = JourneyParser.Parse(journeyJson);
        Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Errors));
        return new DeciderSpec(read.Definition);
    }

    public static DeciderSpec For(JourneyDefinition journey) => new(journey);

    public DeciderSpec Given(DateTimeOffset at, params Func<EnrollmentState, JourneyInput>[] inputs)
    {
        foreach (var input in inputs)
        {
            History.AddRange(Apply(input(State), at).Effects);
        }

        return this;
    }

    public DeciderSpec When(DateTimeOffset at, Func<EnrollmentState, JourneyInput> input)
    {
        last = Apply(input(State), at);
        return this;
    }

    public T Then<T>()
        where T : JourneyEffect => Assert.Single(Effects.OfType<T>());

    public DeciderSpec ThenNothingHappens()
    {
        Assert.Empty(Effects);
        return this;
    }

    public DeciderSpec ThenNo<T>()
        where T : JourneyEffect
    {
        Assert.Empty(Effects.OfType<T>());
        return this;
    }

    public DeciderSpec ThenExits(ExitReason reason)
    {
        Assert.Equal(reason, Then<ExitEnrollment>().Reason);
        Assert.Equal(EnrollmentStatus.Exited, State.Status);
        return this;
    }

    public DeciderSpec ThenWaitsUntil(DateTimeOffset at)
    {
        Assert.Equal(at, Then<WaitUntil>().At);
        return this;
    }

    /// <summary>The next timer fires when it is due, and the send that follows (if any) succeeds at once.</summary>
    public DeciderSpec GivenTimeMovesOn()
    {
        var at = State.TimerAt ?? throw new InvalidOperationException("No timer is set.");
        Given(at, Inputs.TimerFires);
        while (State.Wait == WaitKind.SendOutcome)
        {
            Given(at, Inputs.SendSucceeds(at));
        }

        return this;
    }

    private JourneyStep Apply(JourneyInput input, DateTimeOffset at)
    {
        var step = JourneyDecider.Decide(Journey, State, input, at);
        State = step.State;
        return step;
    }
}
