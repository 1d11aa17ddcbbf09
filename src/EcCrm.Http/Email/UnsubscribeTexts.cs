namespace EcCrm.Http.Email;

/// <summary>What the unsubscribe pages say, in the languages e-mail ships in (Japanese and English).</summary>
internal sealed record UnsubscribeTexts(
    string Language,
    string ConfirmTitle,
    Func<string, string, string> ConfirmQuestion,
    string Button,
    string DoneTitle,
    Func<string, string, string> DoneSentence,
    string InvalidTitle,
    string InvalidSentence,
    string AllMarketing,
    Func<string, string> GroupMail)
{
    public static readonly UnsubscribeTexts English = new(
        "en",
        "Unsubscribe",
        (what, shop) => $"Stop receiving {what} from {shop}?",
        "Unsubscribe",
        "You are unsubscribed",
        (shop, what) => $"{shop} will send you no more {what}. Order and account messages still reach you.",
        "This link is not valid",
        "It may have been cut short or changed. Use the unsubscribe link in the e-mail exactly as it came, or reply to the e-mail and ask.",
        "marketing e-mail",
        group => $"\"{group}\" e-mail");

    public static readonly UnsubscribeTexts Japanese = new(
        "ja",
        "配信停止",
        (what, shop) => $"{shop}からの{what}の配信を停止しますか？",
        "配信を停止する",
        "配信を停止しました",
        (shop, what) => $"今後、{shop}から{what}をお送りすることはありません。ご注文やアカウントに関する大切なお知らせは、引き続きお届けします。",
        "このリンクは無効です",
        "リンクが途中で切れているか、変更されている可能性があります。メールに記載されたリンクをそのままお使いいただくか、メールにご返信のうえお問い合わせください。",
        "メールマガジン",
        group => $"「{group}」のメール");

    /// <summary>The texts in a language (a two-letter code); English for a language the pages are not written in.</summary>
    public static UnsubscribeTexts In(string? language) => language == Japanese.Language ? Japanese : English;
}
