using EcCrm.Core.Journeys.Definition;

namespace EcCrm.Core.Journeys.Simulation;

/// <summary>How the customer answers a survey: <see cref="Answer"/> (a score or a choice id), <see cref="After"/> each e-mail of the survey step <see cref="Survey"/>.</summary>
public sealed record TimelineSurveyAnswer(string Survey, string Answer, JourneyDuration After);
