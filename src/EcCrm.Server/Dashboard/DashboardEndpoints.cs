using EcCrm.Core.Analytics;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Shop;
using EcCrm.Core.Surveys;
using EcCrm.Infrastructure.Email;
using EcCrm.Server.Journeys;
using EcCrm.Server.Security;
using Microsoft.Extensions.Options;

namespace EcCrm.Server.Dashboard;

/// <summary>
/// <c>GET /</c>: the dashboard (<c>?journey=</c> to pick a journey, <c>&amp;status=</c> to filter its enrollments), and
/// <c>POST /sweep</c> to run the inactivity sweep now; behind a sign-in with the API key (<c>/login</c>, <c>/logout</c>).
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>How far back the dashboard's survey section looks.</summary>
    public const int SurveyDays = 90;

    private const string ApiKeyField = "apiKey";

    /// <summary>How many enrollments the page lists (the API lists up to 1,000).</summary>
    private const int EnrollmentRows = 50;
    private const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ShowAsync).ExcludeFromDescription();
        app.MapPost("/sweep", SweepNowAsync).DisableAntiforgery().ExcludeFromDescription();
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
        string? status,
        HttpContext context,
        DashboardSession session,
        [AsParameters] DashboardSources sources,
        CancellationToken cancellationToken)
    {
        if (!session.IsSignedIn(context.Request))
        {
            return Results.Redirect("/login");
        }

        return Page(context, DashboardPage.Render(await ModelAsync(journey, status, null, sources, cancellationToken)));
    }

    /// <summary>
    /// "Run the sweep now": the session cookie is SameSite=Strict, so another site cannot post this for a signed-in
    /// person. The page that answers says what the sweep did.
    /// </summary>
    private static async Task<IResult> SweepNowAsync(
        HttpContext context,
        DashboardSession session,
        [AsParameters] DashboardSources sources,
        CancellationToken cancellationToken)
    {
        if (!session.IsSignedIn(context.Request))
        {
            return Results.Redirect("/login");
        }

        var journey = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(cancellationToken))["journey"].ToString() : null;
        var swept = await sources.Sweep.RunNowAsync(cancellationToken);
        return Page(context, DashboardPage.Render(await ModelAsync(string.IsNullOrEmpty(journey) ? null : journey, null, swept, sources, cancellationToken)));
    }

    private static async Task<DashboardModel> ModelAsync(
        string? journey,
        string? status,
        IReadOnlyList<SweepReport>? swept,
        DashboardSources sources,
        CancellationToken cancellationToken)
    {
        var (catalog, reports, enrollments, sweep, configuration, shop, sink, time, surveys) = sources;
        var journeys = await catalog.ListAsync(cancellationToken);
        var selected = journey ?? journeys.Select(j => j.Definition.Id).Order(StringComparer.Ordinal).FirstOrDefault(id => id.StartsWith("winback", StringComparison.Ordinal))
            ?? (journeys.Count > 0 ? journeys[0].Definition.Id : null);
        var filter = Enum.TryParse<EnrollmentStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (EnrollmentStatus?)null;
        var report = selected is null ? null : await reports.JourneyAsync(selected, cancellationToken);
        return new DashboardModel(
            shop.Value.Name,
            [.. journeys.OrderBy(j => j.Definition.Name, StringComparer.Ordinal)],
            report,
            await reports.CustomersAsync(cancellationToken),
            [.. sink.List(10).Select(mail => new DashboardSend(mail.At, mail.To, mail.Subject, $"/dev/mail/{mail.Id}"))])
        {
            Enrollments = report is null ? null : await enrollments.ListByJourneyAsync(report.JourneyId, filter, EnrollmentRows, cancellationToken),
            Sweep = sweep.Plan(),
            SweepScheduled = SweepEndpoints.Scheduled(configuration),
            Swept = swept,
            Now = time.GetUtcNow(),
            Surveys = await surveys.ReportAsync(time.GetUtcNow().AddDays(-SurveyDays), cancellationToken),
        };
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

/// <summary>What the dashboard page is built from, bound from the services by <c>[AsParameters]</c>.</summary>
internal sealed record DashboardSources(
    JourneyCatalog Catalog,
    ReportQueries Reports,
    EnrollmentAdministration Enrollments,
    SweepOnDemand Sweep,
    IConfiguration Configuration,
    IOptions<ShopOptions> Shop,
    MailSink Sink,
    TimeProvider Time,
    SurveyReports Surveys);
