using Microsoft.Extensions.Options;

namespace EcCrm.Server.Security;

/// <summary>Refuses to start without an API key worth the name.</summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options) => options.Key switch
    {
        null or "" => ValidateOptionsResult.Fail(
            $"Setting '{ApiOptions.SectionName}:Key' (environment variable {ApiOptions.SectionName}__Key) is missing: it protects the API and the dashboard."),
        { Length: < 16 } => ValidateOptionsResult.Fail($"Setting '{ApiOptions.SectionName}:Key' is too short: use at least 16 random characters."),
        _ => ValidateOptionsResult.Success,
    };
}
