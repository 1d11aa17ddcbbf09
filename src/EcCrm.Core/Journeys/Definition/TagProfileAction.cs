namespace EcCrm.Core.Journeys.Definition;

public sealed record TagProfileAction(string Tag) : JourneyAction;
