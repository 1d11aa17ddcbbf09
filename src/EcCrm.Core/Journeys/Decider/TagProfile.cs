namespace EcCrm.Core.Journeys.Decider;

public sealed record TagProfile(string IdempotencyKey, string Tag) : JourneyEffect;
