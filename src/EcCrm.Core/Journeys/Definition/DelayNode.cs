namespace EcCrm.Core.Journeys.Definition;

/// <summary>Waits, then goes on to <see cref="Next"/>.</summary>
public sealed record DelayNode(string Id, DelaySpec Delay, string? Next) : JourneyNode(Id)
{
    public override IEnumerable<string?> Successors => [Next];
}
