namespace EcCrm.Core.Surveys;

/// <summary>How long survey links work and answers can change. Links are signed with the unsubscribe links' keys.</summary>
public sealed class SurveyOptions
{
    public const string SectionName = "Surveys";

    /// <summary>How long after its e-mail was sent an answer link works; after that it shows that the survey has closed.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long after the first answer a click on another answer changes it; after that the first answer stands.</summary>
    public TimeSpan ChangeWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The longest comment kept, in characters; longer ones are cut.</summary>
    public int MaxCommentLength { get; set; } = 2000;
}
