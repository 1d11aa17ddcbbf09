namespace EcCrm.Core.Journeys.Definition;

/// <summary>Changes something outside the journey (a coupon, a tag, a profile attribute), then goes on.</summary>
public sealed record ActionNode(string Id, JourneyAction Action, string? Next) : JourneyNode(Id)
{
    public override IEnumerable<string?> Successors => [Next];
}
