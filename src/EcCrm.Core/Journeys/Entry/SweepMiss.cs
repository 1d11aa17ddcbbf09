using System.Globalization;
using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Entry;

/// <summary>Why a sweep did not find a customer (<see cref="EntrySchedule.Miss"/>); <see cref="ToString"/> says it in words.</summary>
public abstract record SweepMiss
{
    private SweepMiss()
    {
    }

    /// <summary>A reason that is a sentence already.</summary>
    public sealed record Because(string Reason) : SweepMiss
    {
        public override string ToString() => Reason;
    }

    /// <summary>Not idle long enough: the sweep of <see cref="FoundOn"/> will find them, if nothing changes.</summary>
    public sealed record NotDueYet(double IdleDays, DateOnly FoundOn, InactivityTrigger Trigger, double? UsualInterval) : SweepMiss
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"not due yet: last ordered {IdleDays:0.#} days ago; found by the sweep of {FoundOn:yyyy-MM-dd}, the day after {Threshold()}");

        private string Threshold() => Trigger.Intervals is { } times && UsualInterval is { } usual
            ? string.Create(CultureInfo.InvariantCulture, $"{times:0.##} × the usual {usual:0.#} days idle")
            : string.Create(CultureInfo.InvariantCulture, $"{Trigger.Days} days idle");
    }

    /// <summary>Due on a day before the days this sweep reads: an earlier sweep read it, or it is before the catch-up.</summary>
    public sealed record ReadBefore(DateOnly FoundOn, DateOnly From, int CatchUpDays) : SweepMiss
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"due since the sweep of {FoundOn:yyyy-MM-dd}, which is older than the days this sweep reads ({From:yyyy-MM-dd} on): it was read then, or it is more than {CatchUpDays} days before the journey's first sweep (Sweep:CatchUpDays)");
    }
}
