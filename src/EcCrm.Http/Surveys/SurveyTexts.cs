namespace EcCrm.Http.Surveys;

/// <summary>What the survey pages say, in the languages e-mail ships in (Japanese and English).</summary>
internal sealed record SurveyTexts(
    string Language,
    string ThanksTitle,
    Func<string, string> YourAnswer,
    Func<int, string> CanChange,
    string KeptTitle,
    Func<string, string> KeptSentence,
    string NpsFollowUp,
    string ChoiceFollowUp,
    string SendComment,
    string CommentThanks,
    string InvalidTitle,
    string InvalidSentence,
    string ClosedTitle,
    string ClosedSentence)
{
    public static readonly SurveyTexts English = new(
        "en",
        "Thank you for your answer",
        answer => $"Your answer: {answer}",
        days => $"Changed your mind? Click another answer in the e-mail within {days} days.",
        "Thank you, we have your answer",
        answer => $"You answered {answer} earlier, and that answer stands.",
        "What is the main reason for your score? (optional)",
        "Is there anything you would like to tell us? (optional)",
        "Send",
        "Thank you: your comment reaches the shop's team.",
        "This link is not valid",
        "It may have been cut short or changed. Use the link in the e-mail exactly as it came.",
        "This survey has closed",
        "Thank you for wanting to answer; this survey no longer takes answers.");

    public static readonly SurveyTexts Japanese = new(
        "ja",
        "ご回答ありがとうございました",
        answer => $"あなたの回答：{answer}",
        days => $"回答を変更したい場合は、{days}日以内にメールの別の選択肢をクリックしてください。",
        "ご回答はすでにお受けしています",
        answer => $"以前にいただいた回答（{answer}）をそのまま承っております。",
        "そのように評価された一番の理由をお聞かせください（任意）",
        "そのほかにお気づきの点があればお聞かせください（任意）",
        "送信する",
        "ご意見をお寄せいただき、ありがとうございました。担当者が拝読いたします。",
        "このリンクは無効です",
        "リンクが途中で切れているか、変更されている可能性があります。メールに記載されたリンクをそのままお使いください。",
        "このアンケートは終了しました",
        "ご協力いただこうとしてくださり、ありがとうございます。このアンケートの受付は終了しました。");

    public static SurveyTexts In(string? language) => language == Japanese.Language ? Japanese : English;
}
