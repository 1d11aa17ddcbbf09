namespace EcCrm.Core.Surveys;

/// <summary>How a click on an answer link changed the stored answer.</summary>
public enum SurveyRecording
{
    /// <summary>The first answer to this e-mail.</summary>
    First,

    /// <summary>The same answer again (a second click, a link scanner): nothing changed.</summary>
    Same,

    /// <summary>Another answer within the change window: it replaced the earlier one.</summary>
    Changed,

    /// <summary>Another answer after the change window: the earlier answer stands.</summary>
    Kept,
}
