using EcCrm.Core.Messaging;
using EcCrm.Core.Messaging.Localization;
using EcCrm.Core.Profiles;
using EcCrm.Core.Shop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EcCrm.Http.Email;

/// <summary>
/// The unsubscribe link of every marketing e-mail: <c>GET /unsubscribe</c> shows a confirmation button (nothing changes
/// on GET: link scanners follow links), <c>POST /unsubscribe</c> takes the form and one-click unsubscribe (RFC 8058).
/// The pages speak the customer's language (their locale, else the shop's), as their e-mail did.
/// </summary>
public static class UnsubscribeHttp
{
    private const string PageSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult ConfirmPage(string? token, UnsubscribeTokens tokens, IOptions<ShopOptions> shop, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(shop);
        if (tokens.Read(token) is not { } request)
        {
            return Page(context, UnsubscribePage.Invalid(shop.Value.Name, LanguageOf(null, shop.Value)), StatusCodes.Status400BadRequest);
        }

        // The page is written when the result runs, in the language found then (a profile read, so asynchronously).
        return new LanguagePage(request, shop.Value, language => UnsubscribePage.Confirm(shop.Value.Name, token!, request.Group, language));
    }

    public static async Task<IResult> UnsubscribeAsync(string? token, Unsubscribes unsubscribes, IOptions<ShopOptions> shop, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) && context.Request.HasFormContentType)
        {
            token = (await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false))["token"].ToString();
        }

        var done = await unsubscribes.UnsubscribeByTokenAsync(token, cancellationToken).ConfigureAwait(false);
        return done is null
            ? Page(context, UnsubscribePage.Invalid(shop.Value.Name, LanguageOf(null, shop.Value)), StatusCodes.Status400BadRequest)
            : new LanguagePage(done, shop.Value, language => UnsubscribePage.Done(shop.Value.Name, done.Group, language));
    }

    /// <summary>
    /// The language of the customer the link belongs to: their locale, else the shop's. Storage that does not answer
    /// leaves the shop's language; the page still works.
    /// </summary>
    private static Task<string> LanguageAsync(UnsubscribeRequest request, ShopOptions shop, HttpContext context) => LanguageAsync(request.Customer, shop, context);

    /// <summary>The language of a customer's pages: their locale, else the shop's (also when storage does not answer).</summary>
    internal static async Task<string> LanguageAsync(CustomerKey customer, ShopOptions shop, HttpContext context)
    {
        if (context.RequestServices.GetService<IProfileStore>() is not { } profiles)
        {
            return LanguageOf(null, shop);
        }

        try
        {
            var profile = await profiles.GetAsync(customer, context.RequestAborted).ConfigureAwait(false);
            return LanguageOf(profile?.Value.Locale, shop);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return LanguageOf(null, shop);
        }
    }

    internal static string LanguageOf(string? customerLocale, ShopOptions shop) =>
        EmailLanguages.For(customerLocale, shop.Locale)[0].TwoLetterISOLanguageName;

    /// <summary>A page in the language of the customer the link belongs to, looked up when the result is executed.</summary>
    private sealed class LanguagePage(UnsubscribeRequest request, ShopOptions shop, Func<string, string> render) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var language = await LanguageAsync(request, shop, httpContext).ConfigureAwait(false);
            await Page(httpContext, render(language)).ExecuteAsync(httpContext).ConfigureAwait(false);
        }
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
