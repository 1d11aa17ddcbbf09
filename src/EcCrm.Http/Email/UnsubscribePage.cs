namespace EcCrm.Http.Email;

/// <summary>
/// The small pages around e-mail: unsubscribe confirmation and its result, in the customer's language (Japanese or
/// English; <paramref name="language"/> is a two-letter code, and any other gets English).
/// </summary>
public static class UnsubscribePage
{
    public static string Confirm(string shop, string token, string? group, string? language = null)
    {
        var texts = UnsubscribeTexts.In(language);
        return Frame(shop, new Html()
            .Raw("<h1>").Text(texts.ConfirmTitle).Raw("</h1><p>").Text(texts.ConfirmQuestion(What(texts, group), shop)).Raw("</p>")
            .Raw("<form method=\"post\" action=\"/unsubscribe\"><input type=\"hidden\" name=\"token\" value=\"").Text(token).Raw("\">")
            .Raw("<button type=\"submit\" data-testid=\"unsubscribe\">").Text(texts.Button).Raw("</button></form>"), texts.Language);
    }

    public static string Done(string shop, string? group, string? language = null)
    {
        var texts = UnsubscribeTexts.In(language);
        return Frame(shop, new Html()
            .Raw("<h1 data-testid=\"unsubscribed\">").Text(texts.DoneTitle).Raw("</h1><p>").Text(texts.DoneSentence(shop, What(texts, group))).Raw("</p>"), texts.Language);
    }

    public static string Invalid(string shop, string? language = null)
    {
        var texts = UnsubscribeTexts.In(language);
        return Frame(shop, new Html().Raw("<h1>").Text(texts.InvalidTitle).Raw("</h1><p>").Text(texts.InvalidSentence).Raw("</p>"), texts.Language);
    }

    /// <summary>A plain page in the dashboard's style.</summary>
    public static string Frame(string title, Html body, string language = "en") => new Html()
        .Raw("<!doctype html><html lang=\"").Text(language).Raw("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>").Text(title)
        .Raw("</title><link rel=\"stylesheet\" href=\"/dashboard.css\"></head><body><main class=\"page\">").Raw(body.ToString()).Raw("</main></body></html>")
        .ToString();

    private static string What(UnsubscribeTexts texts, string? group) => group is null ? texts.AllMarketing : texts.GroupMail(group);
}
