namespace EcCrm.Cli.Demo;

/// <summary>How a demo customer buys: the mix that makes win-back, replenishment and nurture journeys worth running.</summary>
public enum DemoPersona
{
    /// <summary>Bought once and never again.</summary>
    OneTime,

    /// <summary>Re-orders consumables every 3-6 weeks and is still active.</summary>
    Regular,

    /// <summary>Orders every 2-4 months.</summary>
    Occasional,

    /// <summary>Was a regular, then stopped two to ten months ago: the win-back audience.</summary>
    Lapsed,
}
