namespace EcCrm.Core.Journeys.Definition;

public enum ReentryPolicy
{
    /// <summary>A customer enters once, ever.</summary>
    Never,

    /// <summary>Again once the cooldown has passed since the last entry, even if still running (a new cycle starts after the old one ends).</summary>
    Cooldown,

    /// <summary>Again as soon as the previous enrollment has ended.</summary>
    AfterExit,
}
