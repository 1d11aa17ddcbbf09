using Microsoft.Extensions.Options;

namespace EcCrm.Core.Shop;

/// <summary>Refuses to start with a shop time zone that is not an IANA zone.</summary>
public sealed class ShopOptionsValidator : IValidateOptions<ShopOptions>
{
    public ValidateOptionsResult Validate(string? name, ShopOptions options)
    {
        var failures = new List<string>();
        if (!TimeZones.IsKnown(options.TimeZone))
        {
            failures.Add($"Setting '{ShopOptions.SectionName}:TimeZone' must be an IANA time zone such as Asia/Tokyo or Europe/Berlin, not '{options.TimeZone}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add($"Setting '{ShopOptions.SectionName}:Name' is missing: it is the sender name in every e-mail.");
        }

        if (string.IsNullOrWhiteSpace(options.PostalAddress))
        {
            failures.Add($"Setting '{ShopOptions.SectionName}:PostalAddress' is missing: anti-spam laws require the sender's address in every e-mail.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
