using System.Text;
using EcCrm.Core.Journeys.Backtesting;
using EcCrm.Core.Journeys.Catalog;
using EcCrm.Core.Journeys.Decider;
using EcCrm.Core.Journeys.Running;
using EcCrm.Core.Profiles;
using EcCrm.Server.Security;
using EcCrm.Http.Webhooks;
using EcCrm.Orchestration.Journeys;
using Microsoft.DurableTask.Client;

namespace EcCrm.Server.Journeys;

/// <summary>
/// The admin API for journeys (all behind <c>X-Api-Key</c>): publish a version, backtest a draft, list, pause and resume journeys,
/// list a customer's or a journey's enrollments, cancel one; see a run in the engine, terminate it, restart a failed one.
/// </summary>
internal static class JourneyEndpoints
{
    private const long MaxJourneyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapJourneys(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>();
        api.MapGet("/journeys", ListAsync).WithName("ListJourneys");
        api.MapPost("/journeys", PublishAsync).WithName("PublishJourney").DisableAntiforgery();
        api.MapPost("/journeys/backtest", BacktestAsync).WithName("BacktestJourney").DisableAntiforgery();
        api.MapPost("/journeys/{journeyId}/pause", (string journeyId, JourneyCatalog catalog, CancellationToken ct) => SetPausedAsync(journeyId, true, catalog, ct));
        api.MapPost("/journeys/{journeyId}/resume", (string journeyId, JourneyCatalog catalog, CancellationToken ct) => SetPausedAsync(journeyId, false, catalog, ct));
        api.MapGet("/customers/{key}/enrollments", ListEnrollmentsAsync).WithName("ListEnrollments");
        api.MapGet("/journeys/{journeyId}/enrollments", ListJourneyEnrollmentsAsync).WithName("ListJourneyEnrollments");
        api.MapPost("/enrollments/{enrollmentId}/cancel", CancelAsync).WithName("CancelEnrollment");
        api.MapGet("/enrollments/{enrollmentId}/run", GetRunAsync).WithName("GetJourneyRun");
        api.MapPost("/enrollments/{enrollmentId}/terminate", TerminateAsync).WithName("TerminateJourneyRun");
        api.MapPost("/enrollments/{enrollmentId}/restart", RestartAsync).WithName("RestartJourneyRun");
        return app;
    }

    private static async Task<IResult> ListAsync(JourneyCatalog catalog, CancellationToken cancellationToken) =>
        Results.Ok((await catalog.ListAsync(cancellationToken)).Select(journey => new
        {
            id = journey.Definition.Id,
            name = journey.Definition.Name,
            version = journey.Definition.Version,
            trigger = journey.Definition.Entry.Trigger.GetType().Name.Replace("Trigger", string.Empty, StringComparison.Ordinal),
            paused = journey.Paused,
            pauseReason = journey.PauseReason,
        }));

    private static async Task<IResult> PublishAsync(HttpRequest request, JourneyCatalog catalog, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAtMostAsync(request, MaxJourneyBytes, cancellationToken) is not { } body)
        {
            return WebhookResults.TooLarge(MaxJourneyBytes);
        }

        return await catalog.PublishAsync(Encoding.UTF8.GetString(body), cancellationToken) switch
        {
            PublishResult.Published published => Results.Created($"/api/journeys/{published.JourneyId}", new { journeyId = published.JourneyId, version = published.Version, current = published.IsCurrent }),
            PublishResult.Unchanged same => Results.Ok(new { journeyId = same.JourneyId, version = same.Version, current = true, unchanged = true }),
            PublishResult.Rejected rejected => Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The journey has mistakes; nothing was published",
                detail: string.Join("; ", rejected.Errors.Take(5)),
                extensions: new Dictionary<string, object?> { ["errors"] = rejected.Errors.Select(error => new { path = error.Path, message = error.Message, fix = error.Fix }) }),
            PublishResult.VersionTaken taken => Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "That version is already published",
                detail: $"{taken.JourneyId} v{taken.Version} is published with other content. Published versions never change (running enrollments stay on theirs): publish this as version {taken.Version + 1}."),
            _ => Results.Problem(statusCode: StatusCodes.Status500InternalServerError),
        };
    }

    /// <summary>
    /// A draft (the journey JSON as the body) replayed against the shop's history, over <paramref name="from"/> to
    /// <paramref name="to"/> (shop-local dates), with the uplift its holdout should show (absolute, 0.02 is two points).
    /// </summary>
    private static async Task<IResult> BacktestAsync(
        HttpRequest request, DateOnly? from, DateOnly? to, double? uplift, JourneyCatalog catalog, JourneyBacktest backtest, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAtMostAsync(request, MaxJourneyBytes, cancellationToken) is not { } body)
        {
            return WebhookResults.TooLarge(MaxJourneyBytes);
        }

        var (journey, errors) = await catalog.CheckAsync(Encoding.UTF8.GetString(body), cancellationToken);
        if (journey is null)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The journey has mistakes; nothing was replayed",
                detail: string.Join("; ", errors.Take(5)),
                extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(error => new { path = error.Path, message = error.Message, fix = error.Fix }) });
        }

        var backtestRequest = new BacktestRequest(from, to, uplift ?? JourneyBacktest.DefaultUplift);
        return backtest.Days(backtestRequest).Problem is { } problem
            ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a period to replay", detail: problem)
            : Results.Ok(await backtest.RunAsync(journey, backtestRequest, cancellationToken));
    }

    private static async Task<IResult> SetPausedAsync(string journeyId, bool paused, JourneyCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.SetPausedAsync(journeyId, paused, cancellationToken)
            ? Results.Ok(new { journeyId, paused })
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such journey", detail: $"No journey '{journeyId}' is published.");

    private static async Task<IResult> ListEnrollmentsAsync(string key, EnrollmentAdministration enrollments, CancellationToken cancellationToken) =>
        CustomerKey.TryParse(key, out var customer)
            ? Results.Ok(await enrollments.ListAsync(customer, cancellationToken))
            : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a customer key", detail: "A customer key is 32 lowercase hex characters.");

    /// <summary>A journey's enrollments, newest first, filtered by <c>?status=</c> (New, Active, Measuring, Exited, Completed), at most <c>?limit=</c> (default 100).</summary>
    private static async Task<IResult> ListJourneyEnrollmentsAsync(string journeyId, string? status, int? limit, JourneyCatalog catalog, EnrollmentAdministration enrollments, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(journeyId, cancellationToken) is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such journey", detail: $"No journey '{journeyId}' is published.");
        }

        EnrollmentStatus? filter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<EnrollmentStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a status", detail: $"status is one of {string.Join(", ", Enum.GetNames<EnrollmentStatus>())}.");
            }

            filter = parsed;
        }

        return Results.Ok(await enrollments.ListByJourneyAsync(journeyId, filter, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken));
    }

    private static async Task<IResult> CancelAsync(string enrollmentId, EnrollmentAdministration enrollments, CancellationToken cancellationToken) =>
        await enrollments.CancelAsync(enrollmentId, "cancelled through the admin API", cancellationToken) is { } enrollment
            ? Results.Accepted($"/api/customers/{EnrollmentIds.CustomerOf(enrollmentId)}/enrollments", enrollment)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such enrollment");

    private static async Task<IResult> GetRunAsync(string enrollmentId, JourneyRuns runs, DurableTaskClient durable, CancellationToken cancellationToken) =>
        await runs.GetAsync(durable, enrollmentId, cancellationToken) is { } run ? Results.Ok(run) : NoSuchRun(enrollmentId);

    private static async Task<IResult> TerminateAsync(string enrollmentId, JourneyRuns runs, DurableTaskClient durable, CancellationToken cancellationToken) =>
        await runs.TerminateAsync(durable, enrollmentId, "terminated through the admin API", cancellationToken)
            ? Results.Ok(await runs.GetAsync(durable, enrollmentId, cancellationToken))
            : NoSuchRun(enrollmentId);

    private static async Task<IResult> RestartAsync(string enrollmentId, JourneyRuns runs, DurableTaskClient durable, CancellationToken cancellationToken) =>
        await JourneyRuns.RestartAsync(durable, enrollmentId, cancellationToken) switch
        {
            RestartOutcome.Restarted => Results.Accepted($"/api/enrollments/{enrollmentId}/run", await runs.GetAsync(durable, enrollmentId, cancellationToken)),
            RestartOutcome.NotFailed => Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Only a failed run restarts",
                detail: $"The run of {enrollmentId} has not failed; see GET /api/enrollments/{enrollmentId}/run."),
            _ => NoSuchRun(enrollmentId),
        };

    private static IResult NoSuchRun(string enrollmentId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such run", detail: $"The engine has no run for enrollment '{enrollmentId}' (it never started, or it finished and was purged).");
}
