using EcCrm.Core.Analytics;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Shop;
using EcCrm.Infrastructure.Email;
using EcCrm.Server.Security;
using Microsoft.Extensions.Options;

namespace EcCrm.Server.Dashboard;

/// <summary><c>GET /</c>: the dashboard, behind a sign-in with the API key (<c>/login</c>, <c>/logout</c>).</summary>
internal static class DashboardEndpoints
{
    private const string ApiKeyField = "apiKey";
    private const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ShowAsync).ExcludeFromDescription();
        app.MapGet("/login", (HttpContext context) => Page(context, DashboardPage.Login(failed: false)));
        app.MapPost("/login", SignInAsync).DisableAntiforgery();
        app.MapPost("/logout", (HttpContext context) =>
        {
            DashboardSession.SignOut(context);
            return Results.Redirect("/login");
        }).DisableAntiforgery();
        app.MapGet("/dashboard.css", () => Results.Text(Stylesheet.Value, "text/css; charset=utf-8"));
        return app;
    }

    private static readonly Lazy<string> Stylesheet = new(() =>
    {
        using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("dashboard.css")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static async Task<IResult> ShowAsync(
        string? journey,
        HttpContext context,
        DashboardSession session,
        JourneyCatalog catalog,
        ReportQueries reports,
        IOptions<ShopOptions> shop,
        MailSink sink,
        CancellationToken cancellationToken)
    {
        if (!session.IsSignedIn(context.Request))
        {
            return Results.Redirect("/login");
        }

        var journeys = await catalog.ListAsync(cancellationToken);
        var selected = journey ?? journeys.Select(j => j.Definition.Id).Order(StringComparer.Ordinal).FirstOrDefault(id => id.StartsWith("winback", StringComparison.Ordinal))
            ?? (journeys.Count > 0 ? journeys[0].Definition.Id : null);
        var model = new DashboardModel(
            shop.Value.Name,
            [.. journeys.OrderBy(j => j.Definition.Name, StringComparer.Ordinal)],
            selected is null ? null : await reports.JourneyAsync(selected, cancellationToken),
            await reports.CustomersAsync(cancellationToken),
            [.. sink.List(10).Select(mail => new DashboardSend(mail.At, mail.To, mail.Subject, $"/dev/mail/{mail.Id}"))]);
        return Page(context, DashboardPage.Render(model));
    }

    private static async Task<IResult> SignInAsync(HttpContext context, DashboardSession session)
    {
        if (!context.Request.HasFormContentType)
        {
            return NotAForm();
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            // A form body that cannot be read: malformed, or over the form limits.
            return NotAForm();
        }

        return session.TrySignIn(context, form[ApiKeyField].ToString())
            ? Results.Redirect("/")
            : Page(context, DashboardPage.Login(failed: true), StatusCodes.Status401Unauthorized);
    }

    private static IResult NotAForm() => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Sign in with the form",
        detail: $"POST /login takes a form (application/x-www-form-urlencoded) with the field '{ApiKeyField}'.");

    private static IResult Page(HttpContext context, string html, int status = StatusCodes.Status200OK)
    {
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
