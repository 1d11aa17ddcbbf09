using Microsoft.Extensions.Options;

namespace EcCrm.Core.Messaging.Deliverability;

/// <summary>Refuses rates outside (0, 1), a window outside one hour to one year, minimum counts below one, and a hold recheck outside one second to one day.</summary>
public sealed class DeliverabilityOptionsValidator : IValidateOptions<DeliverabilityOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliverabilityOptions options)
    {
        const string Section = DeliverabilityOptions.SectionName;
        var failures = new List<string>();
        if (options.Window < TimeSpan.FromHours(1) || options.Window > TimeSpan.FromDays(366))
        {
            failures.Add($"Setting '{Section}:Window' must be between 01:00:00 and 366.00:00:00, not {options.Window}.");
        }

        foreach (var (setting, rate) in new[] { ("MaxComplaintRate", options.MaxComplaintRate), ("MaxBounceRate", options.MaxBounceRate) })
        {
            if (!(rate is > 0 and < 1))
            {
                failures.Add($"Setting '{Section}:{setting}' must be a fraction between 0 and 1 (0.001 = 0.1%), not {rate}.");
            }
        }

        foreach (var (setting, count) in new[] { ("MinSendsForComplaints", options.MinSendsForComplaints), ("MinSendsForBounces", options.MinSendsForBounces) })
        {
            if (count < 1)
            {
                failures.Add($"Setting '{Section}:{setting}' must be at least 1, not {count}.");
            }
        }

        if (options.HoldRecheck < TimeSpan.FromSeconds(1) || options.HoldRecheck > TimeSpan.FromDays(1))
        {
            failures.Add($"Setting '{Section}:HoldRecheck' must be between 00:00:01 and 1.00:00:00, not {options.HoldRecheck}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
