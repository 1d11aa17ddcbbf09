namespace EcCrm.Core.Journeys.Decider;

public sealed record UpdateProfile(string IdempotencyKey, string Attribute, string Value) : JourneyEffect;
