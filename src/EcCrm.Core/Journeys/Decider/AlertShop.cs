namespace EcCrm.Core.Journeys.Decider;

/// <summary>
/// Alert the shop (<see cref="Definition.AlertShopAction"/>), once per <see cref="IdempotencyKey"/>, with the survey answer
/// the run has at that moment (<see cref="Survey"/>'s <see cref="Answer"/> to the e-mail <see cref="SurveyKey"/>), if any.
/// </summary>
public sealed record AlertShop(string IdempotencyKey, string NodeId, string? Survey, string? SurveyKey, string? Answer) : JourneyEffect;
