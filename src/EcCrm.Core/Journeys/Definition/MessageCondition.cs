namespace EcCrm.Core.Journeys.Definition;

/// <summary>The e-mail <see cref="Template"/> sent in this enrollment was delivered, opened or clicked.</summary>
public sealed record MessageCondition(JourneyEventType Event, string Template) : Condition;
