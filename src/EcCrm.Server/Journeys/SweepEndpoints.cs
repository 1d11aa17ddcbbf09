using EcCrm.Core.Journeys.Running;
using EcCrm.Server.Security;

namespace EcCrm.Server.Journeys;

/// <summary>
/// <c>GET /api/sweep</c>: when the inactivity sweep runs next (cron in the shop's time zone) and how far back it
/// reaches; <c>POST /api/sweep</c>: run it now, and what it did per journey. Behind <c>X-Api-Key</c>.
/// </summary>
internal static class SweepEndpoints
{
    /// <summary>The setting that turns the scheduled sweep (and publishing at start) off.</summary>
    public const string SchedulerSetting = "Journeys:Scheduler";

    public static IEndpointRouteBuilder MapSweep(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>();
        api.MapGet("/sweep", (SweepOnDemand sweep, IConfiguration configuration) => Results.Ok(Describe(sweep.Plan(), configuration))).WithName("GetSweep");
        api.MapPost("/sweep", async (SweepOnDemand sweep, CancellationToken cancellationToken) => Results.Ok(await sweep.RunNowAsync(cancellationToken)))
            .WithName("RunSweep").DisableAntiforgery();
        return app;
    }

    /// <summary>Whether this Server runs the sweep on its schedule (<c>Journeys__Scheduler</c>, on by default).</summary>
    public static bool Scheduled(IConfiguration configuration) => configuration.GetValue(SchedulerSetting, defaultValue: true);

    private static object Describe(SweepPlan plan, IConfiguration configuration) => new
    {
        schedule = plan.Schedule,
        timeZone = plan.TimeZone,
        scheduled = Scheduled(configuration),
        nextRunAt = Scheduled(configuration) ? plan.NextRunAt : null,
        catchUpDays = plan.CatchUpDays,
    };
}
