using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace EcCrm.Infrastructure.Storage;

/// <summary>Refuses to start with storage settings that cannot work, naming the setting.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (options.UsesIdentity)
        {
            if (options.TableServiceUri is null || options.QueueServiceUri is null)
            {
                failures.Add($"Settings '{StorageOptions.SectionName}:TableServiceUri' and '{StorageOptions.SectionName}:QueueServiceUri' go together: set both for identity-based access.");
            }

            if (options.QueueServiceUri is not null && options.EffectiveBlobServiceUri is null)
            {
                failures.Add($"Setting '{StorageOptions.SectionName}:{nameof(StorageOptions.BlobServiceUri)}' is missing, and the queue endpoint does not name an account whose blob endpoint could be used.");
            }

            foreach (var (setting, uri) in new[] { ("TableServiceUri", options.TableServiceUri), ("QueueServiceUri", options.QueueServiceUri), (nameof(StorageOptions.BlobServiceUri), options.BlobServiceUri) })
            {
                if (uri is not null && (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps))
                {
                    failures.Add($"Setting '{StorageOptions.SectionName}:{setting}' must be an absolute https URI, not '{uri}'.");
                }
            }
        }
        else if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"Setting '{StorageOptions.SectionName}:ConnectionString' (environment variable {StorageOptions.SectionName}__ConnectionString) is missing; "
                + "set it, or set Storage__TableServiceUri and Storage__QueueServiceUri to use a managed identity.");
        }
        else
        {
            try
            {
                _ = new TableServiceClient(options.ConnectionString);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                failures.Add($"Setting '{StorageOptions.SectionName}:ConnectionString' is not a valid storage connection string: {ex.Message}");
            }
        }

        if (!StorageNames.IsValidPrefix(options.Prefix))
        {
            failures.Add($"Setting '{StorageOptions.SectionName}:Prefix' must be empty or start with a lowercase letter followed by up to 15 lowercase letters and digits, not '{options.Prefix}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
