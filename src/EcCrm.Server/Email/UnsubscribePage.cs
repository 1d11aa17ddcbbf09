using EcCrm.Infrastructure.Email;
using EcCrm.Server.Dashboard;

namespace EcCrm.Server.Email;

/// <summary>The small pages around e-mail: unsubscribe confirmation, its result, and the mail sink's list.</summary>
internal static class UnsubscribePage
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

    public static string MailList(IReadOnlyList<SunkMail> mails)
    {
        var html = new Html().Raw("<h1>Mail sink</h1><p class=\"muted\">What would have been sent: the newest 200 messages.</p>");
        if (mails.Count == 0)
        {
            return Frame("EcCrm", html.Raw("<p class=\"muted\">Nothing yet.</p>"));
        }

        html.Raw("<table><thead><tr><th>Sent (UTC)</th><th>To</th><th>Subject</th><th>Journey</th><th>Template</th></tr></thead><tbody>");
        foreach (var mail in mails)
        {
            html.Raw("<tr><td>").Text(mail.At.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).Raw("</td><td>").Text(mail.To)
                .Raw("</td><td><a href=\"/dev/mail/").Text(mail.Id).Raw("\">").Text(mail.Subject).Raw("</a></td><td>").Text(mail.JourneyId)
                .Raw("</td><td>").Text(mail.TemplateId).Raw("</td></tr>");
        }

        return Frame("EcCrm", html.Raw("</tbody></table>"));
    }

    private static string Frame(string title, Html body) => new Html()
        .Raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>").Text(title)
        .Raw("</title><link rel=\"stylesheet\" href=\"/dashboard.css\"></head><body><main class=\"page\">").Raw(body.ToString()).Raw("</main></body></html>")
        .ToString();
}
