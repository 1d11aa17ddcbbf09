using EcCrm.Core.Messaging;
using EcCrm.Core.Messaging.Events;
using EcCrm.Core.Shop;
using EcCrm.Core.Webhooks;
using EcCrm.Http;
using EcCrm.Http.Email;
using EcCrm.Infrastructure.Email;
using EcCrm.Server.Security;
using Microsoft.Extensions.Options;

namespace EcCrm.Server.Email;

/// <summary>
/// The e-mail endpoints: SendGrid's event webhook and the unsubscribe link (shared with the Functions app), and
/// <c>/dev/mail</c>, the local mail sink's messages, behind the dashboard sign-in.
/// </summary>
internal static class EmailEndpoints
{
    public static IEndpointRouteBuilder MapEmail(this IEndpointRouteBuilder app)
    {
        app.MapPost(
            "/webhooks/sendgrid",
            (HttpRequest request, EmailEventIntake intake, IOptions<WebhookOptions> options, CancellationToken cancellationToken) =>
                EmailEventHttp.AcceptAsync(request, intake, options, cancellationToken))
            .DisableAntiforgery();
        app.MapGet(
            "/unsubscribe",
            (string? token, UnsubscribeTokens tokens, IOptions<ShopOptions> shop, HttpContext context) => UnsubscribeHttp.ConfirmPage(token, tokens, shop, context));
        app.MapPost(
            "/unsubscribe",
            (string? token, Unsubscribes unsubscribes, IOptions<ShopOptions> shop, HttpContext context, CancellationToken cancellationToken) =>
                UnsubscribeHttp.UnsubscribeAsync(token, unsubscribes, shop, context, cancellationToken))
            .DisableAntiforgery();
        app.MapGet("/dev/mail", ListMail);
        app.MapGet("/dev/mail/{id}", ShowMail);
        return app;
    }

    private static IResult ListMail(HttpContext context, DashboardSession session, MailSink sink, IOptions<SendGridOptions> sendGrid)
    {
        if (!string.IsNullOrWhiteSpace(sendGrid.Value.ApiKey))
        {
            return Results.NotFound();
        }

        return session.IsSignedIn(context.Request) ? UnsubscribeHttp.Page(context, MailList(sink.List(200))) : Results.Redirect("/login");
    }

    private static IResult ShowMail(string id, HttpContext context, DashboardSession session, MailSink sink)
    {
        if (!session.IsSignedIn(context.Request))
        {
            return Results.Redirect("/login");
        }

        // The message's own HTML, sandboxed: no scripts, no requests to anywhere.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";
        return sink.Html(id) is { } html ? Results.Content(html, "text/html; charset=utf-8") : Results.NotFound();
    }

    private static string MailList(IReadOnlyList<SunkMail> mails)
    {
        var html = new Html().Raw("<h1>Mail sink</h1><p class=\"muted\">What would have been sent: the newest 200 messages.</p>");
        if (mails.Count == 0)
        {
            return UnsubscribePage.Frame("EcCrm", html.Raw("<p class=\"muted\">Nothing yet.</p>"));
        }

        html.Raw("<table><thead><tr><th>Sent (UTC)</th><th>To</th><th>Subject</th><th>Journey</th><th>Template</th></tr></thead><tbody>");
        foreach (var mail in mails)
        {
            html.Raw("<tr><td>").Text(mail.At.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).Raw("</td><td>").Text(mail.To)
                .Raw("</td><td><a href=\"/dev/mail/").Text(mail.Id).Raw("\">").Text(mail.Subject).Raw("</a></td><td>").Text(mail.JourneyId)
                .Raw("</td><td>").Text(mail.TemplateId).Raw("</td></tr>");
        }

        return UnsubscribePage.Frame("EcCrm", html.Raw("</tbody></table>"));
    }

}
