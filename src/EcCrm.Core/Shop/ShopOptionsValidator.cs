using EcCrm.Core.Messaging.Localization;
using EcCrm.Core.Profiles;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Shop;

/// <summary>Refuses to start without a name and address, or with a time zone, locale, currency or contact address that is not one.</summary>
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

        if (EmailLanguages.Culture(options.Locale) is null)
        {
            failures.Add($"Setting '{ShopOptions.SectionName}:Locale' must be a locale such as ja-JP or en-US, not '{options.Locale}'.");
        }

        if (options.Currency is { } currency && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            failures.Add($"Setting '{ShopOptions.SectionName}:Currency' must be a three-letter ISO 4217 code such as JPY or EUR, not '{currency}'.");
        }

        if (options.ContactEmail is { } contact && !EmailAddress.IsPlausible(contact))
        {
            failures.Add($"Setting '{ShopOptions.SectionName}:ContactEmail' must be an e-mail address, not '{contact}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
