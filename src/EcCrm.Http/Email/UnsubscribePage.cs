namespace EcCrm.Http.Email;

/// <summary>The small pages around e-mail: unsubscribe confirmation and its result.</summary>
public static class UnsubscribePage
{
    public static string Confirm(string shop, string token, string? group) => Frame(shop, new Html()
        .Raw("<h1>Unsubscribe</h1><p>Stop receiving ").Text(group is null ? "marketing e-mail" : $"\"{group}\" e-mail").Raw(" from ").Text(shop).Raw("?</p>")
        .Raw("<form method=\"post\" action=\"/unsubscribe\"><input type=\"hidden\" name=\"token\" value=\"").Text(token).Raw("\">")
        .Raw("<button type=\"submit\" data-testid=\"unsubscribe\">Unsubscribe</button></form>"));

    public static string Done(string shop, string? group) => Frame(shop, new Html()
        .Raw("<h1 data-testid=\"unsubscribed\">You are unsubscribed</h1><p>").Text(shop).Raw(" will send you no more ")
        .Text(group is null ? "marketing e-mail" : $"\"{group}\" e-mail").Raw(". Order and account messages still reach you.</p>"));

    public static string Invalid(string shop) => Frame(shop, new Html()
        .Raw("<h1>This link is not valid</h1><p>It may have been cut short or changed. Use the unsubscribe link in the e-mail exactly as it came, or reply to the e-mail and ask.</p>"));

    /// <summary>A plain page in the dashboard's style.</summary>
    public static string Frame(string title, Html body) => new Html()
        .Raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>").Text(title)
        .Raw("</title><link rel=\"stylesheet\" href=\"/dashboard.css\"></head><body><main class=\"page\">").Raw(body.ToString()).Raw("</main></body></html>")
        .ToString();
}
