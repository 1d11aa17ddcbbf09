namespace EcCrm.Core.Journeys.Definition;

/// <summary>No marketing e-mail from <see cref="From"/> until <see cref="To"/>, customer-local; the window may span midnight.</summary>
public sealed record QuietHours(TimeOnly From, TimeOnly To)
{
    public bool Contains(TimeOnly time) => From < To
        ? time >= From && time < To
        : time >= From || time < To;
}
