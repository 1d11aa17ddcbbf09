namespace EcCrm.Core.Surveys;

/// <summary>What following an answer link (or sending the follow-up form) did.</summary>
public abstract record SurveyOutcome
{
    /// <summary>The token was not made here, or was changed: nothing was recorded.</summary>
    public sealed record Invalid : SurveyOutcome;

    /// <summary>The link is older than <see cref="SurveyOptions.LinkLifetime"/>: the survey has closed.</summary>
    public sealed record Expired : SurveyOutcome;

    /// <summary>The answer as it now stands, and how the click changed it.</summary>
    public sealed record Recorded(SurveyAnswer Answer, SurveyLink Link, SurveyRecording How) : SurveyOutcome;
}
