using Microsoft.Extensions.Options;

namespace EcCrm.Server.Security;

/// <summary>Refuses to start without an API key worth the name, or with a dashboard session that never or at once ends.</summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    private static readonly TimeSpan ShortestSession = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestSession = TimeSpan.FromDays(30);

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        switch (options.Key)
        {
            case null or "":
                failures.Add($"Setting '{ApiOptions.SectionName}:Key' (environment variable {ApiOptions.SectionName}__Key) is missing: it protects the API and the dashboard.");
                break;
            case { Length: < 16 }:
                failures.Add($"Setting '{ApiOptions.SectionName}:Key' is too short: use at least 16 random characters.");
                break;
        }

        if (options.SessionLifetime < ShortestSession || options.SessionLifetime > LongestSession)
        {
            failures.Add($"Setting '{ApiOptions.SectionName}:SessionLifetime' must be between 00:01:00 and 30.00:00:00, not {options.SessionLifetime}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
