namespace EcCrm.Core.Journeys.Definition;

/// <summary>How long a <see cref="DelayNode"/> waits.</summary>
public abstract record DelaySpec;
