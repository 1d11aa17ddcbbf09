using Microsoft.Extensions.Options;

namespace EcCrm.Core.Webhooks;

/// <summary>Refuses to start with an enabled webhook source that has no secret, naming the setting to fix.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        foreach (var (source, settings) in new[] { ("Shopify", options.Shopify), ("WooCommerce", options.WooCommerce), ("Generic", options.Generic) })
        {
            if (settings.Enabled && string.IsNullOrWhiteSpace(settings.Secret))
            {
                failures.Add($"Setting '{WebhookOptions.SectionName}:{source}:Secret' (environment variable {WebhookOptions.SectionName}__{source}__Secret) is missing. "
                    + $"Set it to the webhook secret of your {source} shop, or set {WebhookOptions.SectionName}__{source}__Enabled=false to refuse {source} webhooks.");
            }
            else if (settings.Enabled && settings.Secret!.Length < 16)
            {
                failures.Add($"Setting '{WebhookOptions.SectionName}:{source}:Secret' is too short to be a secret: use at least 16 characters.");
            }
        }

        if (options.MaxBodyBytes is < 1024 or > 100 * 1024 * 1024)
        {
            failures.Add($"Setting '{WebhookOptions.SectionName}:MaxBodyBytes' must be between 1024 and 104857600, not {options.MaxBodyBytes}.");
        }

        if (options.ReplayWindow <= TimeSpan.Zero || options.ReplayWindow > TimeSpan.FromHours(1))
        {
            failures.Add($"Setting '{WebhookOptions.SectionName}:ReplayWindow' must be a positive time span of at most 01:00:00, not {options.ReplayWindow}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
