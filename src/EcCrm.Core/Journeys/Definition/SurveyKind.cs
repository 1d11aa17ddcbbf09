namespace EcCrm.Core.Journeys.Definition;

/// <summary>What a survey asks: a Net Promoter Score (0 to 10) or one of a short list of choices.</summary>
public enum SurveyKind
{
    Nps,
    Choice,
}
