using EcCrm.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace EcCrm.Engine;

/// <summary>Refuses to start with engine settings the Azure Storage backend cannot use, naming the setting.</summary>
public sealed class DurableOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<DurableOptions>
{
    public ValidateOptionsResult Validate(string? name, DurableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var hub = EngineBackend.TaskHubName(storage.Value, options);
        if (hub.Length is < 3 or > 45 || !char.IsAsciiLetter(hub[0]) || !hub.All(char.IsAsciiLetterOrDigit))
        {
            failures.Add($"Setting '{DurableOptions.SectionName}:TaskHub' must make a task hub name of 3 to 45 letters and digits starting with a letter (with the storage prefix: '{hub}').");
        }

        if (options.PartitionCount is < 1 or > 16)
        {
            failures.Add($"Setting '{DurableOptions.SectionName}:PartitionCount' must be between 1 and 16, not {options.PartitionCount}.");
        }

        if (string.IsNullOrWhiteSpace(options.WorkerId))
        {
            failures.Add($"Setting '{DurableOptions.SectionName}:WorkerId' must not be empty.");
        }

        foreach (var (setting, value) in new[]
        {
            (nameof(DurableOptions.MaxQueuePollingInterval), options.MaxQueuePollingInterval),
            (nameof(DurableOptions.MessageVisibilityTimeout), options.MessageVisibilityTimeout),
            (nameof(DurableOptions.LeaseInterval), options.LeaseInterval),
            (nameof(DurableOptions.PurgeEvery), options.PurgeEvery),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"Setting '{DurableOptions.SectionName}:{setting}' must be a positive time span, not {value}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
