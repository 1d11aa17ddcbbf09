namespace EcCrm.Core.Surveys;

/// <summary>An answer as stored, with the version (ETag) a change must match.</summary>
public sealed record StoredSurveyAnswer(SurveyAnswer Answer, string ETag);
