using EcCrm.Core.Messaging;
using EcCrm.Core.Messaging.Events;
using EcCrm.Core.Shop;
using EcCrm.Infrastructure.Email;
using EcCrm.Server.Dashboard;
using EcCrm.Server.Security;
using EcCrm.Server.Webhooks;
using Microsoft.Extensions.Options;
using SendGrid.Helpers.EventWebhook;

namespace EcCrm.Server.Email;

/// <summary>
/// The e-mail endpoints: SendGrid's event webhook, the unsubscribe link (a page for people, one-click POST for mail
/// clients, RFC 8058), and <c>/dev/mail</c>, the local mail sink's messages, behind the dashboard sign-in.
/// </summary>
internal static class EmailEndpoints
{
    private const string PageSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IEndpointRouteBuilder MapEmail(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/sendgrid", AcceptEventsAsync).DisableAntiforgery();
        app.MapGet("/unsubscribe", ConfirmPage);
        app.MapPost("/unsubscribe", UnsubscribeAsync).DisableAntiforgery();
        app.MapGet("/dev/mail", ListMail);
        app.MapGet("/dev/mail/{id}", ShowMail);
        return app;
    }

    private static async Task<IResult> AcceptEventsAsync(HttpRequest request, EmailEventIntake intake, IOptions<Core.Webhooks.WebhookOptions> options, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAtMostAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return WebhookResults.TooLarge(options.Value.MaxBodyBytes);
        }

        var delivery = new EventWebhookDelivery(body, request.Headers[RequestValidator.SIGNATURE_HEADER].ToString(), request.Headers[RequestValidator.TIMESTAMP_HEADER].ToString());
        return await intake.AcceptAsync(delivery, cancellationToken) switch
        {
            EventWebhookOutcome.Accepted accepted => Results.Ok(new { status = "accepted", applied = accepted.Applied, duplicates = accepted.Duplicates, skipped = accepted.Skipped }),
            EventWebhookOutcome.Unauthorized unauthorized => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid event webhook signature", detail: unauthorized.Reason),
            EventWebhookOutcome.Invalid invalid => Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The body is not a batch of SendGrid events",
                extensions: new Dictionary<string, object?> { ["errors"] = invalid.Errors.Select(error => new { path = error.Path, message = error.Message }) }),
            _ => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "The SendGrid event webhook is not configured", detail: "Set SendGrid:EventWebhookPublicKey to the webhook's verification key."),
        };
    }

    /// <summary>The link in the e-mail shows a confirmation button; nothing changes on GET (link scanners follow links).</summary>
    private static IResult ConfirmPage(string? token, UnsubscribeTokens tokens, IOptions<ShopOptions> shop, HttpContext context)
    {
        if (tokens.Read(token) is not { } request)
        {
            return Page(context, UnsubscribePage.Invalid(shop.Value.Name), StatusCodes.Status400BadRequest);
        }

        return Page(context, UnsubscribePage.Confirm(shop.Value.Name, token!, request.Group));
    }

    /// <summary>The confirmation form and one-click unsubscribe (RFC 8058: <c>List-Unsubscribe=One-Click</c>) both POST here.</summary>
    private static async Task<IResult> UnsubscribeAsync(string? token, Unsubscribes unsubscribes, IOptions<ShopOptions> shop, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) && context.Request.HasFormContentType)
        {
            token = (await context.Request.ReadFormAsync(cancellationToken))["token"].ToString();
        }

        var done = await unsubscribes.UnsubscribeByTokenAsync(token, cancellationToken);
        return done is null
            ? Page(context, UnsubscribePage.Invalid(shop.Value.Name), StatusCodes.Status400BadRequest)
            : Page(context, UnsubscribePage.Done(shop.Value.Name, done.Group));
    }

    private static IResult ListMail(HttpContext context, DashboardSession session, MailSink sink, IOptions<SendGridOptions> sendGrid)
    {
        if (!string.IsNullOrWhiteSpace(sendGrid.Value.ApiKey))
        {
            return Results.NotFound();
        }

        return session.IsSignedIn(context.Request) ? Page(context, UnsubscribePage.MailList(sink.List(200))) : Results.Redirect("/login");
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

    private static IResult Page(HttpContext context, string html, int status = StatusCodes.Status200OK)
    {
        context.Response.Headers.ContentSecurityPolicy = PageSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
