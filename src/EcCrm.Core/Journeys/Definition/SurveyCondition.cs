namespace EcCrm.Core.Journeys.Definition;

/// <summary>
/// The customer answered the survey step <see cref="Survey"/> in this enrollment: with a score in the NPS group
/// <see cref="Nps"/>, or with one of <see cref="Choices"/>, or at all when neither is given. The answer counted is the
/// latest (a customer may change it within the survey's answer window).
/// </summary>
public sealed record SurveyCondition(string Survey, NpsGroup? Nps, IReadOnlyList<string> Choices) : Condition;
