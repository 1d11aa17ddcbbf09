using Microsoft.Extensions.Options;

namespace EcCrm.Core.Messaging;

/// <summary>Refuses to start without a signing key worth the name, with key ids that cannot be told apart, or without a public address for the links.</summary>
public sealed class UnsubscribeOptionsValidator : IValidateOptions<UnsubscribeOptions>
{
    private const int MinKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, UnsubscribeOptions options)
    {
        var failures = new List<string>();
        var section = UnsubscribeOptions.SectionName;
        if (options.SigningKey is not { Length: >= MinKeyLength })
        {
            failures.Add($"Setting '{section}:{nameof(UnsubscribeOptions.SigningKey)}' (environment variable {section}__{nameof(UnsubscribeOptions.SigningKey)}) must be a secret of at least {MinKeyLength} characters: it signs every unsubscribe link.");
        }

        if (!IsKeyId(options.SigningKeyId))
        {
            failures.Add($"Setting '{section}:{nameof(UnsubscribeOptions.SigningKeyId)}' must be a whole number from {UnsubscribeTokens.FirstKeyId} to {UnsubscribeTokens.LastKeyId}, not {options.SigningKeyId}.");
        }

        for (var i = 0; i < options.PreviousKeys.Count; i++)
        {
            var previous = options.PreviousKeys[i];
            var setting = $"{section}:{nameof(UnsubscribeOptions.PreviousKeys)}:{i}";
            if (!IsKeyId(previous.Id))
            {
                failures.Add($"Setting '{setting}:{nameof(UnsubscribeSigningKey.Id)}' must be a whole number from {UnsubscribeTokens.FirstKeyId} to {UnsubscribeTokens.LastKeyId}, not {previous.Id}.");
            }
            else if (previous.Id == options.SigningKeyId || options.PreviousKeys.Take(i).Any(other => other.Id == previous.Id))
            {
                failures.Add($"Setting '{setting}:{nameof(UnsubscribeSigningKey.Id)}' is {previous.Id}, an id another signing key has: every key needs its own, or its links cannot be checked.");
            }

            if (previous.Key is not { Length: >= MinKeyLength })
            {
                failures.Add($"Setting '{setting}:{nameof(UnsubscribeSigningKey.Key)}' must be the secret of at least {MinKeyLength} characters that signed links with id {previous.Id}.");
            }
        }

        if (options.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Setting '{section}:{nameof(UnsubscribeOptions.BaseUrl)}' must be the public http(s) address of this service, such as https://crm.example.com.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsKeyId(int id) => id is >= UnsubscribeTokens.FirstKeyId and <= UnsubscribeTokens.LastKeyId;
}
