using Cronos;
using EcCrm.Core.Journeys.Running;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Journeys;

/// <summary>Refuses to start with a sweep schedule that is not a cron expression.</summary>
public sealed class SweepOptionsValidator : IValidateOptions<SweepOptions>
{
    public ValidateOptionsResult Validate(string? name, SweepOptions options)
    {
        if (!CronExpression.TryParse(options.Schedule, out _))
        {
            return ValidateOptionsResult.Fail($"Setting '{SweepOptions.SectionName}:Schedule' must be a five-field cron expression such as \"0 2 * * *\" (daily at 02:00 shop time), not '{options.Schedule}'.");
        }

        return options.CatchUpDays is < 1 or > 366 || options.Parallelism is < 1 or > 64
            ? ValidateOptionsResult.Fail($"Settings '{SweepOptions.SectionName}:CatchUpDays' (1-366) and '{SweepOptions.SectionName}:Parallelism' (1-64) are out of range.")
            : ValidateOptionsResult.Success;
    }
}
