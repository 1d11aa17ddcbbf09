using Microsoft.Extensions.Options;

namespace EcCrm.Core.Tracking;

/// <summary>Refuses settings that would keep no event, take no event, or publish a guessable key.</summary>
public sealed class TrackingOptionsValidator : IValidateOptions<TrackingOptions>
{
    public const int MinWriteKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, TrackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RetentionDays is < 1 or > 3650)
        {
            failures.Add($"Tracking:RetentionDays must be between 1 and 3650 days, not {options.RetentionDays}.");
        }

        if (options.MaxBatch is < 1 or > 1000)
        {
            failures.Add($"Tracking:MaxBatch must be between 1 and 1000 events, not {options.MaxBatch}.");
        }

        if (options.WriteKey is { Length: > 0 } key && key.Length < MinWriteKeyLength)
        {
            failures.Add($"Tracking:WriteKey must be at least {MinWriteKeyLength} characters, or empty to take no events from storefronts.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
