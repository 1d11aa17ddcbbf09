using Microsoft.Extensions.Options;

namespace EcCrm.Core.Messaging;

/// <summary>Refuses to start without a signing key worth the name or a public address for the links.</summary>
public sealed class UnsubscribeOptionsValidator : IValidateOptions<UnsubscribeOptions>
{
    public ValidateOptionsResult Validate(string? name, UnsubscribeOptions options)
    {
        var failures = new List<string>();
        if (options.SigningKey is not { Length: >= 32 })
        {
            failures.Add($"Setting '{UnsubscribeOptions.SectionName}:SigningKey' (environment variable {UnsubscribeOptions.SectionName}__SigningKey) must be a secret of at least 32 characters: it signs every unsubscribe link.");
        }

        if (options.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Setting '{UnsubscribeOptions.SectionName}:BaseUrl' must be the public http(s) address of this service, such as https://crm.example.com.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
