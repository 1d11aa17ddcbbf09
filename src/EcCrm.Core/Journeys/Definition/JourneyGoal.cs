namespace EcCrm.Core.Journeys.Definition;

/// <summary>An order within <see cref="OrderWithinDays"/> days of entry converts; its net revenue counts as the journey's revenue.</summary>
public sealed record JourneyGoal(int OrderWithinDays)
{
    public DateTimeOffset EndsAt(DateTimeOffset enteredAt) => enteredAt.AddDays(OrderWithinDays);
}
