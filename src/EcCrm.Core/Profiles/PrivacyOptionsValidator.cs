using Microsoft.Extensions.Options;

namespace EcCrm.Core.Profiles;

/// <summary>Refuses to start without a customer key secret worth the name, or with a previous one that is not.</summary>
public sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    internal static readonly string SecretMissing =
        $"Setting '{PrivacyOptions.SectionName}:{nameof(PrivacyOptions.CustomerKeySecret)}' (environment variable {PrivacyOptions.SectionName}__{nameof(PrivacyOptions.CustomerKeySecret)}) must be a secret of at least {CustomerKeyDerivation.MinSecretLength} characters: every customer key is an HMAC under it, and changing it changes every key (docs/privacy.md).";

    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.CustomerKeySecret is not { Length: >= CustomerKeyDerivation.MinSecretLength })
        {
            failures.Add(SecretMissing);
        }

        for (var i = 0; i < options.PreviousCustomerKeySecrets.Count; i++)
        {
            var previous = options.PreviousCustomerKeySecrets[i];
            if (previous is not { Length: >= CustomerKeyDerivation.MinSecretLength })
            {
                failures.Add($"Setting '{PrivacyOptions.SectionName}:{nameof(PrivacyOptions.PreviousCustomerKeySecrets)}:{i}' must be a secret of at least {CustomerKeyDerivation.MinSecretLength} characters that keys were derived with before.");
            }
            else if (previous == options.CustomerKeySecret)
            {
                failures.Add($"Setting '{PrivacyOptions.SectionName}:{nameof(PrivacyOptions.PreviousCustomerKeySecrets)}:{i}' is the current secret: a previous secret is the one before it.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
