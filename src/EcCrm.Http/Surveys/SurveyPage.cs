using EcCrm.Core.Surveys;
using EcCrm.Http.Email;

namespace EcCrm.Http.Surveys;

/// <summary>The pages a survey answer link opens: thanks (with the optional comment form), the comment's thanks, and the errors.</summary>
public static class SurveyPage
{
    public static string Answered(string shop, SurveyOutcome.Recorded recorded, string token, TimeSpan changeWindow, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var texts = SurveyTexts.In(language);
        var html = new Html();
        if (recorded.How == SurveyRecording.Kept)
        {
            html.Raw("<h1 data-testid=\"survey-kept\">").Text(texts.KeptTitle).Raw("</h1><p>").Text(texts.KeptSentence(recorded.Answer.Answer)).Raw("</p>");
        }
        else
        {
            html.Raw("<h1 data-testid=\"survey-thanks\">").Text(texts.ThanksTitle).Raw("</h1><p data-testid=\"survey-answer\">").Text(texts.YourAnswer(recorded.Answer.Answer))
                .Raw("</p><p class=\"muted\">").Text(texts.CanChange((int)Math.Max(1, changeWindow.TotalDays))).Raw("</p>");
        }

        if (recorded.Link.FollowUp)
        {
            html.Raw("<form method=\"post\" action=\"/survey/comment\"><input type=\"hidden\" name=\"token\" value=\"").Text(token).Raw("\"><label for=\"comment\">")
                .Text(recorded.Answer.Kind == Core.Journeys.Definition.SurveyKind.Nps ? texts.NpsFollowUp : texts.ChoiceFollowUp)
                .Raw("</label><br><textarea id=\"comment\" name=\"comment\" rows=\"5\" cols=\"60\" maxlength=\"2000\">").Text(recorded.Answer.Comment ?? string.Empty)
                .Raw("</textarea><br><button type=\"submit\" data-testid=\"survey-comment\">").Text(texts.SendComment).Raw("</button></form>");
        }

        return UnsubscribePage.Frame(shop, html, texts.Language);
    }

    public static string Commented(string shop, string? language = null)
    {
        var texts = SurveyTexts.In(language);
        return UnsubscribePage.Frame(shop, new Html().Raw("<h1 data-testid=\"survey-commented\">").Text(texts.ThanksTitle).Raw("</h1><p>").Text(texts.CommentThanks).Raw("</p>"), texts.Language);
    }

    public static string Invalid(string shop, string? language = null)
    {
        var texts = SurveyTexts.In(language);
        return UnsubscribePage.Frame(shop, new Html().Raw("<h1 data-testid=\"survey-invalid\">").Text(texts.InvalidTitle).Raw("</h1><p>").Text(texts.InvalidSentence).Raw("</p>"), texts.Language);
    }

    public static string Closed(string shop, string? language = null)
    {
        var texts = SurveyTexts.In(language);
        return UnsubscribePage.Frame(shop, new Html().Raw("<h1 data-testid=\"survey-closed\">").Text(texts.ClosedTitle).Raw("</h1><p>").Text(texts.ClosedSentence).Raw("</p>"), texts.Language);
    }
}
