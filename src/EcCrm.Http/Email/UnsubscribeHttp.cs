using EcCrm.Core.Messaging;
using EcCrm.Core.Shop;
using Microsoft.Extensions.Options;

namespace EcCrm.Http.Email;

/// <summary>
/// The unsubscribe link of every marketing e-mail: <c>GET /unsubscribe</c> shows a confirmation button (nothing changes
/// on GET: link scanners follow links), <c>POST /unsubscribe</c> takes the form and one-click unsubscribe (RFC 8058).
/// </summary>
public static class UnsubscribeHttp
{
    private const string PageSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult ConfirmPage(string? token, UnsubscribeTokens tokens, IOptions<ShopOptions> shop, HttpContext context)
    {
        if (tokens.Read(token) is not { } request)
        {
            return Page(context, UnsubscribePage.Invalid(shop.Value.Name), StatusCodes.Status400BadRequest);
        }

        return Page(context, UnsubscribePage.Confirm(shop.Value.Name, token!, request.Group));
    }

    public static async Task<IResult> UnsubscribeAsync(string? token, Unsubscribes unsubscribes, IOptions<ShopOptions> shop, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) && context.Request.HasFormContentType)
        {
            token = (await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false))["token"].ToString();
        }

        var done = await unsubscribes.UnsubscribeByTokenAsync(token, cancellationToken).ConfigureAwait(false);
        return done is null
            ? Page(context, UnsubscribePage.Invalid(shop.Value.Name), StatusCodes.Status400BadRequest)
            : Page(context, UnsubscribePage.Done(shop.Value.Name, done.Group));
    }

    /// <summary>A small page of our own: strict content security policy, never cached.</summary>
    public static IResult Page(HttpContext context, string html, int status = StatusCodes.Status200OK)
    {
        context.Response.Headers.ContentSecurityPolicy = PageSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
