using EcCrm.Core.Segments;

namespace EcCrm.Core.Journeys.Entry;

/// <summary>What one sweep reads for one journey (<see cref="EntrySchedule.Scope"/>), and the checkpoint it leaves.</summary>
public abstract record SweepScope
{
    private SweepScope()
    {
    }

    /// <summary>The dates read through, to be kept as the journey's checkpoint; <c>null</c> when the scope keeps none.</summary>
    public abstract DateOnly? Checkpoint { get; }

    /// <summary>
    /// Inactivity by days: the last-order index partitions <see cref="From"/> to <see cref="Through"/>, whose every
    /// customer has now been idle the journey's days. Only those customers are read.
    /// </summary>
    public sealed record LastOrderDates(DateOnly From, DateOnly Through) : SweepScope
    {
        public override DateOnly? Checkpoint => Through;
    }

    /// <summary>
    /// Inactivity by the customer's own re-order interval: every profile is read, and those whose due date (the shop-local
    /// date on which they became idle long enough) is <see cref="From"/> to <see cref="Through"/> are candidates.
    /// </summary>
    public sealed record DueDates(DateOnly From, DateOnly Through) : SweepScope
    {
        public override DateOnly? Checkpoint => Through;
    }

    /// <summary>A segment trigger: every profile is read, and the customers in <see cref="Segments"/> now are candidates.</summary>
    public sealed record InSegments(IReadOnlyList<RfmSegment> Segments) : SweepScope
    {
        public override DateOnly? Checkpoint => null;
    }

    /// <summary>Nothing to read: the journey is not entered by the sweep, or this sweep has nothing new for it.</summary>
    public sealed record NoRead(string Reason) : SweepScope
    {
        public override DateOnly? Checkpoint => null;
    }

    /// <summary>Whether the sweep reads every profile for this scope (one bulk read shared by the journeys that need it).</summary>
    public bool ReadsEveryProfile => this is DueDates or InSegments;
}
